'use client'

import { useEffect } from 'react'

const SCROLLABLE = '.math-display, .math-scroll, .prose pre, .prose table'

/**
 * Wide formulas, code and tables scroll inside their own box. A box that
 * actually overflows must be reachable by keyboard to be scrolled, so it gets
 * tabindex=0; boxes that fit stay out of the tab order.
 */
export function ScrollableRegions() {
  useEffect(() => {
    const update = () => {
      for (const element of document.querySelectorAll<HTMLElement>(SCROLLABLE)) {
        const overflows = element.scrollWidth > element.clientWidth + 1
        if (overflows && !element.hasAttribute('tabindex')) element.tabIndex = 0
        if (!overflows && element.tabIndex === 0) element.removeAttribute('tabindex')
      }
    }
    update()
    let frame = 0
    const schedule = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(update)
    }
    window.addEventListener('resize', schedule)
    // This layout outlives client-side navigations, and an article's body can
    // arrive after its page (prerendered-body.tsx): check again when content changes.
    const main = document.getElementById('main')
    const observer = new MutationObserver(schedule)
    if (main) observer.observe(main, { childList: true, subtree: true })
    // Fonts change widths once loaded (the math font in particular).
    void document.fonts?.ready.then(update)
    return () => {
      window.removeEventListener('resize', schedule)
      observer.disconnect()
      cancelAnimationFrame(frame)
    }
  }, [])
  return null
}
