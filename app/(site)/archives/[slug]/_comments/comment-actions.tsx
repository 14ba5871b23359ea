import type { CommentView } from '@/lib/comments/types'
import { DeleteConfirm } from './delete-confirm'

interface CommentActionsProps {
  comment: CommentView
  canReply: boolean
  replying: boolean
  busy: boolean
  confirmingDelete: boolean
  onToggleReply: () => void
  onEdit: () => void
  onToggleHidden: () => void
  onAskDelete: (asking: boolean) => void
  onDelete: () => void
}

/** The buttons under a comment; each appears only when the session may use it. */
export function CommentActions(props: CommentActionsProps) {
  const { comment, busy } = props
  return (
    <div className="comment__actions">
      {props.canReply ? (
        <button type="button" className="comments__link-button" aria-expanded={props.replying} aria-label={`回复 ${comment.authorName}`} onClick={props.onToggleReply}>
          回复
        </button>
      ) : null}
      {comment.canEdit ? (
        <button type="button" className="comments__link-button" aria-label={`编辑评论：${comment.authorName}`} onClick={props.onEdit}>
          编辑
        </button>
      ) : null}
      {comment.canModerate ? (
        <button
          type="button"
          className="comments__link-button"
          disabled={busy}
          onClick={props.onToggleHidden}
          aria-label={`${comment.hidden ? '取消隐藏' : '隐藏'}评论：${comment.authorName}`}
        >
          {comment.hidden ? '取消隐藏' : '隐藏'}
        </button>
      ) : null}
      {!comment.canDelete && !comment.canModerate ? null : props.confirmingDelete ? (
        <DeleteConfirm busy={busy} onConfirm={props.onDelete} onCancel={() => props.onAskDelete(false)} />
      ) : (
        <button type="button" className="comments__link-button" aria-label={`删除评论：${comment.authorName}`} onClick={() => props.onAskDelete(true)}>
          删除
        </button>
      )}
    </div>
  )
}
