'use client'

import { useActionState, useRef } from 'react'
import { FormStatus } from '@/app/_components/form-status'
import { notificationSettingsAction } from './actions'

interface Props {
  replies: boolean
  feedback: boolean
  /** Editors and admins may receive new feedback. */
  canReceiveFeedback: boolean
  emailVerified: boolean
}

export function NotificationSettingsForm({ replies, feedback, canReceiveFeedback, emailVerified }: Props) {
  const [state, formAction, pending] = useActionState(notificationSettingsAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  const current = state?.ok ? state.data : { replies, feedback }
  return (
    <form ref={formRef} action={formAction} className="account-form" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">邮件通知</h2>
      {!emailVerified && <p>邮箱验证之后才会收到通知。</p>}
      <FormStatus state={state} formRef={formRef} />
      <label className="checkbox-field">
        <input type="checkbox" name="replies" defaultChecked={current.replies} key={`replies-${current.replies}`} /> 有人回复我的评论时发邮件（同一讨论串每小时最多一封）
      </label>
      {canReceiveFeedback && (
        <label className="checkbox-field">
          <input type="checkbox" name="feedback" defaultChecked={current.feedback} key={`feedback-${current.feedback}`} /> 收到新留言时发邮件
        </label>
      )}
      <button type="submit" disabled={pending}>
        保存通知设置
      </button>
    </form>
  )
}
