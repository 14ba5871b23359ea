'use client'

import { useState } from 'react'
import { deleteCommentAction, moderatorDeleteCommentAction, setCommentHiddenAction } from '@/app/(site)/archives/[slug]/actions'
import type { ActionResult } from '@/lib/actions/action-result'
import { DELETED_COMMENT_TEXT, commentAnchor } from '@/lib/comments/limits'
import type { CommentView, CommentViewerView } from '@/lib/comments/types'
import { CommentForm } from './comment-form'

interface ThreadProps {
  slug: string
  comments: CommentView[]
  page: number
  viewer: CommentViewerView | null
  /** The comment a permalink points at, highlighted. */
  target: number | null
  /** Called after a successful change, with what to announce and the comment to land on. */
  onChanged: (message: string, focus?: number) => Promise<void>
}

/** Which form is open: a reply under one comment, or the edit of one. Only one at a time. */
type OpenForm = { kind: 'reply'; id: number } | { kind: 'edit'; id: number } | null

const dateFormat = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short' })

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.set(name, value)
  return form
}

/** The threads of one page: top-level comments, each followed by its replies, indented by depth. */
export function CommentThread(props: ThreadProps) {
  const [open, setOpen] = useState<OpenForm>(null)
  return (
    <ol className="comment-list">
      {props.comments.map((comment) => (
        <CommentItem key={comment.id} {...props} comment={comment} open={open} setOpen={setOpen} />
      ))}
    </ol>
  )
}

interface ItemProps extends ThreadProps {
  comment: CommentView
  open: OpenForm
  setOpen: (form: OpenForm) => void
}

function CommentItem({ comment, open, setOpen, ...thread }: ItemProps) {
  const { slug, page, viewer, target, onChanged } = thread
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [confirmingDelete, setConfirmingDelete] = useState(false)
  const anchor = commentAnchor(comment.id)
  const permalink = page > 1 ? `?comment-page=${page}#${anchor}` : `#${anchor}`
  const canReply = Boolean(viewer?.canComment) && !comment.deleted && !comment.hidden
  const replying = open?.kind === 'reply' && open.id === comment.id
  const editing = open?.kind === 'edit' && open.id === comment.id

  const run = async (action: () => Promise<ActionResult<unknown>>) => {
    setBusy(true)
    setError(null)
    try {
      const result = await action()
      if (result.ok) await onChanged(result.message ?? '已完成')
      else setError(result.error)
    } catch {
      setError('网络错误，请重试')
    } finally {
      setBusy(false)
      setConfirmingDelete(false)
    }
  }
  const remove = () =>
    run(() =>
      // A moderator's deletion is audited, even of their own comment; a member deletes only their own.
      comment.canModerate ? moderatorDeleteCommentAction(null, formOf({ id: String(comment.id) })) : deleteCommentAction(null, formOf({ id: String(comment.id) })),
    )
  const toggleHidden = () => run(() => setCommentHiddenAction(null, formOf({ id: String(comment.id), hidden: comment.hidden ? 'false' : 'true' })))

  const classes = ['comment', `comment--depth-${comment.depth}`]
  if (comment.hidden) classes.push('comment--hidden')
  if (comment.deleted) classes.push('comment--deleted')
  if (target === comment.id) classes.push('comment--target')

  return (
    <li className="comment-list__item">
      <article
        id={anchor}
        className={classes.join(' ')}
        tabIndex={-1}
        {...(comment.deleted ? { 'aria-label': DELETED_COMMENT_TEXT } : { 'aria-labelledby': `${anchor}-author` })}
      >
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
        {comment.deleted ? (
          <p className="comment__deleted">{DELETED_COMMENT_TEXT}</p>
        ) : editing && comment.source !== null ? (
          <CommentForm
            slug={slug}
            mode={{ kind: 'edit', id: comment.id, source: comment.source }}
            label="编辑评论"
            autoFocus
            onCancel={() => setOpen(null)}
            onDone={() => {
              setOpen(null)
              void onChanged('评论已更新', comment.id)
            }}
          />
        ) : (
          <div className="comment__body">
            {comment.replyToName ? <span className="comment__reply-to">回复 @{comment.replyToName}：</span> : null}
            {/* Rendered from Markdown and sanitized on the server when the comment was written (lib/comments/render-comment.ts):
                an allow-list of elements, no attributes that run code, links only to http(s)/mailto. */}
            <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? '' }} />
          </div>
        )}
        {!editing ? (
          <div className="comment__actions">
            {canReply ? (
              <button
                type="button"
                className="comments__link-button"
                aria-expanded={replying}
                aria-label={`回复 ${comment.authorName}`}
                onClick={() => setOpen(replying ? null : { kind: 'reply', id: comment.id })}
              >
                回复
              </button>
            ) : null}
            {comment.canEdit ? (
              <button type="button" className="comments__link-button" aria-label={`编辑评论：${comment.authorName}`} onClick={() => setOpen({ kind: 'edit', id: comment.id })}>
                编辑
              </button>
            ) : null}
            {comment.canModerate ? (
              <button type="button" className="comments__link-button" disabled={busy} onClick={() => void toggleHidden()} aria-label={`${comment.hidden ? '取消隐藏' : '隐藏'}评论：${comment.authorName}`}>
                {comment.hidden ? '取消隐藏' : '隐藏'}
              </button>
            ) : null}
            {comment.canDelete || comment.canModerate ? (
              confirmingDelete ? (
                <span className="comment__confirm">
                  确定删除这条评论？
                  <button type="button" className="comments__link-button comments__link-button--danger" disabled={busy} onClick={() => void remove()}>
                    确认删除
                  </button>
                  <button type="button" className="comments__link-button" onClick={() => setConfirmingDelete(false)}>
                    取消
                  </button>
                </span>
              ) : (
                <button type="button" className="comments__link-button" aria-label={`删除评论：${comment.authorName}`} onClick={() => setConfirmingDelete(true)}>
                  删除
                </button>
              )
            ) : null}
          </div>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </article>
      {replying ? (
        <div className="comment__reply-form">
          <CommentForm
            slug={slug}
            mode={{ kind: 'create', parentId: comment.id }}
            label={`回复 ${comment.authorName}`}
            autoFocus
            onCancel={() => setOpen(null)}
            onDone={(result) => {
              setOpen(null)
              void onChanged('回复已发布', result.id ?? undefined)
            }}
          />
        </div>
      ) : null}
      {comment.replies.length > 0 ? (
        <ol className="comment-list comment-list--replies">
          {comment.replies.map((reply) => (
            <CommentItem key={reply.id} {...thread} comment={reply} open={open} setOpen={setOpen} />
          ))}
        </ol>
      ) : null}
    </li>
  )
}
