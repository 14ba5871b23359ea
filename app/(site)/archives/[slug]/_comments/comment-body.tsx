import { DELETED_COMMENT_TEXT } from '@/lib/comments/limits'
import type { CommentView } from '@/lib/comments/types'

/** What the comment says, or that it was deleted. */
export function CommentBody({ comment }: { comment: CommentView }) {
  if (comment.deleted) return <p className="comment__deleted">{DELETED_COMMENT_TEXT}</p>
  return (
    <div className="comment__body">
      {comment.replyToName ? <span className="comment__reply-to">回复 @{comment.replyToName}：</span> : null}
      {/* Rendered from Markdown and sanitized on the server when the comment was written (lib/comments/render-comment.ts):
          an allow-list of elements, no attributes that run code, links only to http(s)/mailto. */}
      <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? '' }} />
    </div>
  )
}
