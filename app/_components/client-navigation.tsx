'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

// Endpoints and files (anything with an extension: feeds, images, assets) are not pages.
const NOT_A_PAGE = /^\/api\/|\.[a-z0-9]+$/i

/** The same-origin page an event's anchor leads to, or null when the browser should handle it. */
function pageLink(event: Event): URL | null {
  const anchor = (event.target as Element | null)?.closest?.('a[href]')
  if (!(anchor instanceof HTMLAnchorElement)) return null
  if ((anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return null
  const url = new URL(anchor.href)
  if (url.origin !== window.location.origin || NOT_A_PAGE.test(url.pathname)) return null
  return url
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
      const url = pageLink(event)
      if (!url) return
      const here = window.location
      if (url.hash && url.pathname === here.pathname && url.search === here.search) return
      event.preventDefault()
      router.push(url.pathname + url.search + url.hash)
    }
    const onIntent = (event: Event) => {
      const url = pageLink(event)
      if (url && url.pathname !== window.location.pathname) router.prefetch(url.pathname + url.search)
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
