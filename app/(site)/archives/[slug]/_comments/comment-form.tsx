'use client'

import { useEffect, useRef, useState, useTransition, type FormEvent } from 'react'
import { createCommentAction, editCommentAction, previewCommentAction } from '../actions'
import { FormTextArea } from '@/app/_components/form-field'
import { FormStatus } from '@/app/_components/form-status'
import { actionMessages, fieldError, type ActionResult } from '@/lib/actions/action-result'
import { COMMENT_BODY_MAX_LENGTH, COMMENT_HONEYPOT_FIELD } from '@/lib/comments/limits'
import type { PostedComment } from '@/lib/comments/types'
import { paths } from '@/lib/site/urls'

export type CommentFormMode = { kind: 'create'; parentId?: number } | { kind: 'edit'; id: number; source: string }

interface CommentFormProps {
  slug: string
  mode: CommentFormMode
  /** The textarea's label, e.g. "回复 张三". */
  label: string
  onDone: (result: PostedComment) => void
  onCancel?: () => void
  autoFocus?: boolean
}

/** Pause in typing before the preview is asked for. */
const PREVIEW_DELAY_MS = 500

/** One key per form render: sending the same form twice stores one comment (see lib/comments/write-comments.ts). */
function newIdempotencyKey(): string {
  // getRandomValues works on plain http too, unlike crypto.randomUUID.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * Drafts live in sessionStorage per article (and per reply target), so a
 * reload, or a round trip through the sign-in page, keeps what was typed.
 * Storage may be unavailable (private mode, quota): then drafts live only in
 * the page.
 */
function draftKey(slug: string, mode: CommentFormMode): string | null {
  return mode.kind === 'create' ? `comment-draft:${slug}:${mode.parentId ?? 'top'}` : null
}

function readDraft(key: string | null): string {
  try {
    return key ? (window.sessionStorage.getItem(key) ?? '') : ''
  } catch {
    return ''
  }
}

function writeDraft(key: string | null, text: string): void {
  try {
    if (!key) return
    if (text) window.sessionStorage.setItem(key, text)
    else window.sessionStorage.removeItem(key)
  } catch {
    // Storage full or blocked: the draft stays in the textarea.
  }
}

type Preview = { html: string } | { error: string } | null

/**
 * The one form for new comments, replies and edits: a textarea named `body`,
 * a live preview rendered by the server exactly as posting would, and the
 * action result shown beside the field. The draft is never cleared on failure.
 */
export function CommentForm({ slug, mode, label, onDone, onCancel, autoFocus }: CommentFormProps) {
  const storageKey = draftKey(slug, mode)
  const [text, setText] = useState(() => (mode.kind === 'edit' ? mode.source : readDraft(storageKey)))
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey)
  const [result, setResult] = useState<ActionResult<unknown> | null>(null)
  const [preview, setPreview] = useState<Preview>(null)
  const [pending, startTransition] = useTransition()
  const formRef = useRef<HTMLFormElement>(null)
  // Blocks a second submission before React has re-rendered with `pending`.
  const submitting = useRef(false)
  const previewTicket = useRef(0)

  useEffect(() => {
    const ticket = ++previewTicket.current
    if (!/\S/u.test(text)) {
      setPreview(null)
      return
    }
    const timer = window.setTimeout(() => {
      const form = new FormData()
      form.set('post', slug)
      form.set('body', text)
      previewCommentAction(null, form)
        .then((answer) => {
          if (ticket !== previewTicket.current) return
          setPreview(answer.ok ? { html: answer.data.html } : { error: answer.fieldErrors.body ?? answer.error })
        })
        .catch(() => {
          if (ticket === previewTicket.current) setPreview({ error: '预览暂时不可用' })
        })
    }, PREVIEW_DELAY_MS)
    return () => window.clearTimeout(timer)
  }, [text, slug])

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (submitting.current) return
    submitting.current = true
    const form = new FormData(event.currentTarget)
    startTransition(async () => {
      try {
        const answer: ActionResult<PostedComment | null> =
          mode.kind === 'edit' ? await editCommentAction(null, form) : await createCommentAction(null, form)
        setResult(answer)
        if (!answer.ok) return
        if (mode.kind === 'create') {
          writeDraft(storageKey, '')
          setText('')
          setIdempotencyKey(newIdempotencyKey())
        }
        onDone(answer.data ?? { id: mode.kind === 'edit' ? mode.id : null })
      } catch {
        // The network failed before an answer came: the same key makes a retry safe.
        setResult({ ok: false, error: '网络错误，评论未能发送，请重试', fieldErrors: {}, values: {} })
      } finally {
        submitting.current = false
      }
    })
  }

  return (
    <form ref={formRef} className="comment-form" aria-label={label} onSubmit={onSubmit} noValidate>
      <FormStatus state={result} formRef={formRef} />
      {result && !result.ok && result.error === actionMessages.signInRequired ? (
        // The session ended while the page was open: sign in and come back; the draft waits in sessionStorage.
        <p>
          <a href={paths.login(`${paths.article(slug)}#comments`)}>重新登录</a>，草稿会保留。
        </p>
      ) : null}
      <input type="hidden" name="post" value={slug} />
      {mode.kind === 'edit' ? (
        <input type="hidden" name="id" value={mode.id} />
      ) : (
        <>
          <input type="hidden" name="parentId" value={mode.parentId ?? ''} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        </>
      )}
      <FormTextArea
        label={label}
        name="body"
        rows={mode.kind === 'create' && mode.parentId === undefined ? 6 : 4}
        // The server counts code points; the browser counts UTF-16 units, so leave room for emoji.
        maxLength={COMMENT_BODY_MAX_LENGTH * 2}
        hint={`支持 Markdown 与 LaTeX 公式（$…$ 行内，$$…$$ 独立成行），最多 ${COMMENT_BODY_MAX_LENGTH} 个字符`}
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          writeDraft(storageKey, event.target.value)
        }}
        autoFocus={autoFocus}
        error={fieldError(result, 'body')}
      />
      {mode.kind === 'create' ? (
        // People never see this field; bots that fill it in are answered as if posted.
        <div className="honeypot" aria-hidden="true">
          <label>
            网站（请留空）
            <input name={COMMENT_HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
          </label>
        </div>
      ) : null}
      {preview ? (
        <div className="comment-preview" aria-live="polite">
          <p className="comment-preview__label">预览</p>
          {'html' in preview ? (
            // Rendered and sanitized on the server (lib/comments/render-comment.ts), exactly as the posted comment will be.
            <div className="comment-body" dangerouslySetInnerHTML={{ __html: preview.html }} />
          ) : (
            <p className="field-error">{preview.error}</p>
          )}
        </div>
      ) : null}
      <div className="comment-form__buttons">
        <button type="submit" className="comments__button comments__button--primary" disabled={pending}>
          {pending ? '正在发送…' : mode.kind === 'edit' ? '保存修改' : '发表评论'}
        </button>
        {onCancel ? (
          <button type="button" className="comments__button" onClick={onCancel}>
            取消
          </button>
        ) : null}
      </div>
    </form>
  )
}
