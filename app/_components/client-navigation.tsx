'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

// Files and endpoints, not pages: the browser loads these itself.
const NOT_A_PAGE = /^\/(api|_next|fonts|images|search-index)\/|\.[a-z0-9]+$/i

/** The same-origin page an event's anchor leads to, or null when the browser should handle it. */
function pageLink(event: Event): { anchor: HTMLAnchorElement; url: URL } | null {
  const anchor = (event.target as Element | null)?.closest?.('a[href]')
  if (!(anchor instanceof HTMLAnchorElement)) return null
  if ((anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return null
  const url = new URL(anchor.href)
  if (url.origin !== window.location.origin || NOT_A_PAGE.test(url.pathname)) return null
  return { anchor, url }
}

/**
 * Client-side navigation for the site's plain anchors (SiteLink, links inside
 * articles and comments): one listener for the whole document instead of a
 * Link component per anchor. Clicks that something else already handled
 * (next/link in the admin area, buttons that cancel the event), modified
 * clicks (new tab, download) and links within the current page keep the
 * browser's behaviour.
 */
export function ClientNavigation() {
  const router = useRouter()
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
      const link = pageLink(event)
      if (!link) return
      const here = window.location
      if (link.url.hash && link.url.pathname === here.pathname && link.url.search === here.search) return
      event.preventDefault()
      router.push(link.url.pathname + link.url.search + link.url.hash)
    }
    const onIntent = (event: Event) => {
      const link = pageLink(event)
      if (link && link.url.pathname !== window.location.pathname) router.prefetch(link.url.pathname + link.url.search)
    }
    // On window, so listeners React attached to the document run first and can cancel.
    window.addEventListener('click', onClick)
    window.addEventListener('mouseover', onIntent, { passive: true })
    window.addEventListener('focusin', onIntent)
    window.addEventListener('touchstart', onIntent, { passive: true })
    return () => {
      window.removeEventListener('click', onClick)
      window.removeEventListener('mouseover', onIntent)
      window.removeEventListener('focusin', onIntent)
      window.removeEventListener('touchstart', onIntent)
    }
  }, [router])
  return null
}
