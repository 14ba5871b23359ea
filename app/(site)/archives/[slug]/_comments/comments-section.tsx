'use client'

import { useEffect, useRef, useState, type ComponentType } from 'react'
import type { CommentsPanelProps } from './comments-panel'

/** How far below the viewport the section starts loading, so it is ready when the reader gets there. */
const PRELOAD_MARGIN = '800px 0px'

/** A permalink to a comment, or to a page of comments, needs the section at once. */
function linkedToComments(): boolean {
  return window.location.hash.startsWith('#comment') || new URLSearchParams(window.location.search).has('comment-page')
}

/**
 * The comment section at the end of an article. The article is prerendered and
 * the same for everyone, so this renders only an empty section into the static
 * HTML; the comments, the form and their code (comments-panel.tsx) load when the
 * section nears the viewport, keeping the article's first-load JavaScript to
 * this component alone.
 */
export function CommentsSection({ slug }: { slug: string }) {
  const sectionRef = useRef<HTMLElement>(null)
  const [Panel, setPanel] = useState<ComponentType<CommentsPanelProps> | null>(null)

  useEffect(() => {
    const section = sectionRef.current
    if (!section) return
    let cancelled = false
    const load = () => {
      void import('./comments-panel').then((module) => {
        if (!cancelled) setPanel(() => module.CommentsPanel)
      })
    }
    const onHashChange = () => {
      if (linkedToComments()) load()
    }
    if (linkedToComments() || typeof IntersectionObserver === 'undefined') {
      load()
      return () => {
        cancelled = true
      }
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect()
          load()
        }
      },
      { rootMargin: PRELOAD_MARGIN },
    )
    observer.observe(section)
    window.addEventListener('hashchange', onHashChange)
    return () => {
      cancelled = true
      observer.disconnect()
      window.removeEventListener('hashchange', onHashChange)
    }
  }, [])

  return (
    <section ref={sectionRef} id="comments" className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title" className="comments__title">
        评论
      </h2>
      {Panel ? (
        <Panel slug={slug} />
      ) : (
        <p className="comments__placeholder" role="status">
          评论加载中…
        </p>
      )}
    </section>
  )
}
