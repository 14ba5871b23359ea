import { DELETED_COMMENT_TEXT } from '@/lib/comments/limits'
import type { CommentView } from '@/lib/comments/types'

const dateFormat = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short' })

/** Who wrote it, when (the permalink), and its marks: edited, hidden from readers. */
export function CommentHeader({ comment, anchor, permalink }: { comment: CommentView; anchor: string; permalink: string }) {
  return (
    <header className="comment__header">
      {comment.deleted ? null : (
        <span id={`${anchor}-author`} className="comment__author">
          {comment.authorName}
        </span>
      )}
      <a className="comment__time" href={permalink} aria-label={`评论链接：${comment.deleted ? DELETED_COMMENT_TEXT : comment.authorName}`}>
        <time dateTime={comment.createdAt}>{dateFormat.format(new Date(comment.createdAt))}</time>
      </a>
      {comment.editedAt && !comment.deleted ? (
        <span className="comment__tag" title={`编辑于 ${dateFormat.format(new Date(comment.editedAt))}`}>
          已编辑
        </span>
      ) : null}
      {comment.hidden ? <span className="comment__tag comment__tag--hidden">已隐藏，读者看不到</span> : null}
    </header>
  )
}
