'use client'

import { useState } from 'react'
import type { ActionResult } from '@/lib/actions/action-result'
import { DELETED_COMMENT_TEXT, commentAnchor } from '@/lib/comments/limits'
import type { CommentView } from '@/lib/comments/types'
import { deleteCommentAction, moderatorDeleteCommentAction, setCommentHiddenAction } from '../actions'
import { CommentActions } from './comment-actions'
import { CommentBody } from './comment-body'
import { CommentForm } from './comment-form'
import { CommentHeader } from './comment-header'
import type { ThreadProps } from './comment-thread'

/** Which form is open: a reply under one comment, or the edit of one. Only one at a time. */
export type OpenForm = { kind: 'reply'; id: number } | { kind: 'edit'; id: number } | null

interface ItemProps extends ThreadProps {
  comment: CommentView
  open: OpenForm
  setOpen: (form: OpenForm) => void
}

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.set(name, value)
  return form
}

/** One comment with its replies: what it shows, and the state of the changes made to it. */
export function CommentItem({ comment, open, setOpen, ...thread }: ItemProps) {
  const { slug, page, viewer, target, onChanged } = thread
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [confirmingDelete, setConfirmingDelete] = useState(false)
  const anchor = commentAnchor(comment.id)
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
  const id = String(comment.id)
  // A moderator's deletion is audited, even of their own comment; a member deletes only their own.
  const remove = () => run(() => (comment.canModerate ? moderatorDeleteCommentAction(null, formOf({ id })) : deleteCommentAction(null, formOf({ id }))))
  const toggleHidden = () => run(() => setCommentHiddenAction(null, formOf({ id, hidden: comment.hidden ? 'false' : 'true' })))

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
        <CommentHeader comment={comment} anchor={anchor} permalink={page > 1 ? `?comment-page=${page}#${anchor}` : `#${anchor}`} />
        {editing && !comment.deleted && comment.source !== null ? (
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
          <CommentBody comment={comment} />
        )}
        {editing ? null : (
          <CommentActions
            comment={comment}
            canReply={Boolean(viewer?.canComment) && !comment.deleted && !comment.hidden}
            replying={replying}
            busy={busy}
            confirmingDelete={confirmingDelete}
            onToggleReply={() => setOpen(replying ? null : { kind: 'reply', id: comment.id })}
            onEdit={() => setOpen({ kind: 'edit', id: comment.id })}
            onToggleHidden={() => void toggleHidden()}
            onAskDelete={setConfirmingDelete}
            onDelete={() => void remove()}
          />
        )}
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
