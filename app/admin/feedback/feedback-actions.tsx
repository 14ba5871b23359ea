import type { FeedbackStatus } from '@/db/schema'
import { ActionButton } from '../_components/action-button'
import { setFeedbackStatusAction } from './actions'

interface StatusChange {
  to: FeedbackStatus
  label: string
}

/** What can be done to a message in each state. The first button keeps its place as the state changes. */
const changesFrom: Record<FeedbackStatus, StatusChange[]> = {
  new: [
    { to: 'read', label: '标为已读' },
    { to: 'archived', label: '归档' },
  ],
  read: [
    { to: 'new', label: '标为未读' },
    { to: 'archived', label: '归档' },
  ],
  archived: [{ to: 'read', label: '移回收件箱' }],
}

export const feedbackStatusLabels: Record<FeedbackStatus, string> = {
  new: '新留言',
  read: '已读',
  archived: '已归档',
}

/** The status buttons of one message; `sender` names it for screen readers. */
export function FeedbackStatusActions({ id, status, sender }: { id: number; status: FeedbackStatus; sender: string }) {
  return (
    <>
      {changesFrom[status].map((change, index) => (
        <ActionButton
          key={index}
          action={setFeedbackStatusAction}
          fields={{ id: String(id), status: change.to }}
          label={change.label}
          target={sender}
        />
      ))}
    </>
  )
}
