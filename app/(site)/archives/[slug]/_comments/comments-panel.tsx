'use client'

import { useCallback, useEffect, useRef, useState } from 'react'
import { COMMENTS_UNAVAILABLE_MESSAGE, commentAnchor, commentIdFromHash } from '@/lib/comments/limits'
import type { CommentsPageData } from '@/lib/comments/types'
import { paths } from '@/lib/site/urls'
import { Pagination } from '@/app/_components/lists/pagination'
import { ResendVerificationForm } from '@/app/_components/resend-verification-form'
import { CommentForm } from './comment-form'
import { CommentThread } from './comment-thread'

export interface CommentsPanelProps {
  slug: string
}

/** Which page to show: a page number, or the page that holds a comment (a permalink). */
type PageRequest = { page: number } | { comment: number }

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; data: CommentsPageData }
  | { status: 'unavailable'; message: string }

/** The query parameter of comment pages in the article's URL: /archives/<slug>?comment-page=2#comments. */
const PAGE_PARAM = 'comment-page'

function requestFromLocation(): PageRequest {
  const id = commentIdFromHash(window.location.hash)
  if (id !== null) return { comment: id }
  const page = Number(new URLSearchParams(window.location.search).get(PAGE_PARAM))
  return { page: Number.isInteger(page) && page > 0 ? page : 1 }
}

function pageHref(page: number, hash = 'comments'): string {
  return `${page > 1 ? `?${PAGE_PARAM}=${page}` : '?'}#${hash}`
}

async function fetchComments(slug: string, request: PageRequest): Promise<LoadState> {
  const query = new URLSearchParams({ post: slug })
  if ('comment' in request) query.set('comment', String(request.comment))
  else query.set('page', String(request.page))
  try {
    const response = await fetch(`/api/comments?${query}`, { cache: 'no-store', credentials: 'same-origin', headers: { accept: 'application/json' } })
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: string } | null
      return { status: 'unavailable', message: body?.error ?? COMMENTS_UNAVAILABLE_MESSAGE }
    }
    return { status: 'ready', data: (await response.json()) as CommentsPageData }
  } catch {
    return { status: 'unavailable', message: COMMENTS_UNAVAILABLE_MESSAGE }
  }
}

/**
 * The comment section's contents, loaded lazily by comments-section.tsx: the
 * count, one page of threads, pagination, and the form. Everything comes from
 * GET /api/comments, which also says what this session may do; every change
 * goes through a server action that checks again, then the page is re-read.
 */
export function CommentsPanel({ slug }: CommentsPanelProps) {
  const [state, setState] = useState<LoadState>({ status: 'loading' })
  const [announcement, setAnnouncement] = useState('')
  /** The comment a permalink or a new post points at: highlighted while shown. */
  const [target, setTarget] = useState<number | null>(null)
  /** Scrolled to (and focused) once, when its page has rendered; later re-reads leave the reader where they are. */
  const scrollTo = useRef<number | null>(null)
  const latest = useRef(0)

  const load = useCallback(
    async (request: PageRequest) => {
      const ticket = ++latest.current
      const next = await fetchComments(slug, request)
      // A slower, older request must not overwrite a newer one.
      if (ticket === latest.current) setState(next)
    },
    [slug],
  )

  const show = useCallback(
    (id: number) => {
      setTarget(id)
      scrollTo.current = id
      return load({ comment: id })
    },
    [load],
  )

  useEffect(() => {
    const fromLocation = () => {
      const request = requestFromLocation()
      if ('comment' in request) void show(request.comment)
      else void load(request)
    }
    fromLocation()
    const onHashChange = () => {
      const id = commentIdFromHash(window.location.hash)
      if (id !== null) void show(id)
    }
    // Back and forward between comment pages.
    window.addEventListener('popstate', fromLocation)
    window.addEventListener('hashchange', onHashChange)
    return () => {
      window.removeEventListener('popstate', fromLocation)
      window.removeEventListener('hashchange', onHashChange)
    }
  }, [load, show])

  useEffect(() => {
    if (state.status !== 'ready' || scrollTo.current === null) return
    const element = document.getElementById(commentAnchor(scrollTo.current))
    scrollTo.current = null
    if (!element) return
    element.scrollIntoView({ block: 'start' })
    element.focus({ preventScroll: true })
  }, [state])

  /** After a change: re-read, landing on `focus` (a new comment) or staying on the current page. */
  const refresh = useCallback(
    async (message: string, focus?: number) => {
      const page = state.status === 'ready' ? state.data.page : 1
      await (focus !== undefined ? show(focus) : load({ page }))
      setAnnouncement(message)
    },
    [load, show, state],
  )

  if (state.status === 'loading') {
    return (
      <p className="comments__placeholder" role="status">
        评论加载中…
      </p>
    )
  }

  if (state.status === 'unavailable') {
    return (
      <div className="comments__unavailable" role="alert">
        <p>{state.message}</p>
        <button
          type="button"
          className="comments__button"
          onClick={() => {
            setState({ status: 'loading' })
            const request = requestFromLocation()
            void ('comment' in request ? show(request.comment) : load(request))
          }}
        >
          重试
        </button>
      </div>
    )
  }

  const { data } = state
  const goTo = (page: number) => {
    window.history.pushState(null, '', pageHref(page))
    setTarget(null)
    void load({ page }).then(() => document.getElementById('comments')?.scrollIntoView({ block: 'start' }))
  }

  return (
    <>
      <p className="comments__count">{data.count === 0 ? '还没有评论' : `共 ${data.count} 条评论`}</p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {data.comments.length > 0 ? (
        <CommentThread slug={slug} comments={data.comments} page={data.page} viewer={data.viewer} target={target} onChanged={refresh} />
      ) : null}
      <Pagination current={data.page} total={data.pages} href={(page) => pageHref(page)} label="评论分页" onSelect={goTo} />
      <NewCommentArea slug={slug} data={data} onPosted={(id) => refresh('评论已发布', id ?? undefined)} />
    </>
  )
}

function NewCommentArea({ slug, data, onPosted }: { slug: string; data: CommentsPageData; onPosted: (id: number | null) => void }) {
  if (!data.viewer) {
    return (
      <p className="comments__sign-in">
        <a href={paths.login(`${paths.article(slug)}#comments`)}>登录后评论</a>
      </p>
    )
  }
  if (!data.viewer.canComment && data.viewer.unverifiedEmail) {
    return (
      <div className="comments__verify account-notice">
        <p>验证邮箱之后才能发表评论：请打开我们发到 {data.viewer.unverifiedEmail} 的链接（24 小时内有效）。这样可以确认评论者是真实的读者。</p>
        <ResendVerificationForm email={data.viewer.unverifiedEmail} />
      </div>
    )
  }
  if (!data.viewer.canComment) return <p className="form-error">您的账户已被停用，无法评论。</p>
  return (
    <div className="comments__new">
      <h3 className="comments__subtitle">发表评论</h3>
      <CommentForm slug={slug} mode={{ kind: 'create' }} label={`以 ${data.viewer.name} 的身份评论`} onDone={(result) => onPosted(result.id)} />
    </div>
  )
}
