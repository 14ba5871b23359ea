'use client'

import { useEffect, useState } from 'react'
import { receiveBody } from '@/lib/content/render/body-handoff'

interface PrerenderedBodyProps {
  slug: string
  /** The article's own page, fetched for its body after a client-side navigation. */
  href: string
}

const bodySelector = (slug: string) => `[data-body-of="${CSS.escape(slug)}"]`

function initialBody(slug: string): string | null {
  if (typeof document === 'undefined') {
    const html = receiveBody(slug)
    // A page without its body must fail the build, not ship empty.
    if (html === undefined) throw new Error(`The body of "${slug}" was not handed to the server render (body-handoff.ts)`)
    return html
  }
  // Hydrating a prerendered page: the body is already in the DOM.
  return document.querySelector(bodySelector(slug))?.innerHTML ?? null
}

/**
 * Places the article body, which reaches this shell outside the RSC payload
 * (see lib/content/render/body-handoff.ts). On a prerendered page it adopts
 * the markup already in the document, so hydrating costs one string; after a
 * client-side navigation, whose payload has no body, it reads the body from
 * the article's prerendered HTML.
 */
export function PrerenderedBody({ slug, href }: PrerenderedBodyProps) {
  const [html, setHtml] = useState(() => initialBody(slug))
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    if (html !== null) return
    const controller = new AbortController()
    fetch(href, { signal: controller.signal, headers: { accept: 'text/html' } })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then((page) => {
        const body = new DOMParser().parseFromString(page, 'text/html').querySelector(bodySelector(slug))
        if (body) setHtml(body.innerHTML)
        else setFailed(true)
      })
      .catch(() => {
        if (!controller.signal.aborted) setFailed(true)
      })
    return () => controller.abort()
  }, [html, href, slug])

  if (html === null) {
    return (
      <div className="prose" data-body-of={slug} aria-busy={!failed}>
        {failed ? (
          <p role="alert">
            正文没能加载。<a href={href}>重新打开本文</a>
          </p>
        ) : (
          <p className="body-loading">正文加载中…</p>
        )}
      </div>
    )
  }
  return <div className="prose" data-body-of={slug} dangerouslySetInnerHTML={{ __html: html }} />
}
