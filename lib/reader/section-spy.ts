/**
 * The table of contents follows the reader: the entry of the section being
 * read is marked `aria-current="true"` (and styled by app/styles/article.css)
 * while the TOC is sticky beside the text, on screens of 75em (1200 px) and
 * up. Loaded on the first scroll there (app/_components/article/reader-tools.tsx).
 */

import { STICKY_TOC_MEDIA, TOC_NAV } from './markup'

/** A section is the current one once its heading is above this fraction of the viewport. */
const READING_LINE = 0.3

interface Entry {
  link: HTMLAnchorElement
  heading: HTMLElement
}

function entriesOf(toc: Element): Entry[] {
  return [...toc.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')].flatMap((link) => {
    const heading = document.getElementById(decodeURIComponent(link.hash.slice(1)))
    return heading ? [{ link, heading }] : []
  })
}

/** The entry whose section contains the reading line: the last heading above it. */
export function currentEntry<T extends { heading: { getBoundingClientRect(): { top: number } } }>(entries: readonly T[], line: number): T | null {
  let current: T | null = null
  for (const entry of entries) {
    if (entry.heading.getBoundingClientRect().top <= line) current = entry
    else break
  }
  return current
}

/** Keeps the current entry visible when the TOC itself scrolls, without scrolling the page. */
function revealInToc(toc: Element, link: HTMLElement): void {
  const scroller = toc.closest('.toc')
  if (!(scroller instanceof HTMLElement) || scroller.scrollHeight <= scroller.clientHeight) return
  const box = scroller.getBoundingClientRect()
  const item = link.getBoundingClientRect()
  if (item.top < box.top) scroller.scrollTop -= box.top - item.top + 8
  else if (item.bottom > box.bottom) scroller.scrollTop += item.bottom - box.bottom + 8
}

/** Starts following the reader; returns the function that stops it. */
export function followCurrentSection(): () => void {
  const toc = document.querySelector(TOC_NAV)
  if (!toc) return () => undefined
  const media = window.matchMedia(STICKY_TOC_MEDIA)
  let marked: HTMLAnchorElement | null = null
  const mark = (link: HTMLAnchorElement | null) => {
    if (link === marked) return
    marked?.removeAttribute('aria-current')
    marked = link
    if (link) {
      link.setAttribute('aria-current', 'true')
      revealInToc(toc, link)
    }
  }
  let frame = 0
  const update = () => {
    frame = 0
    // Read afresh each time: after a client-side navigation the body arrives after the TOC.
    mark(media.matches ? (currentEntry(entriesOf(toc), window.innerHeight * READING_LINE)?.link ?? null) : null)
  }
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(update)
  }
  update()
  window.addEventListener('scroll', schedule, { passive: true })
  window.addEventListener('resize', schedule, { passive: true })
  media.addEventListener('change', schedule)
  return () => {
    cancelAnimationFrame(frame)
    mark(null)
    window.removeEventListener('scroll', schedule)
    window.removeEventListener('resize', schedule)
    media.removeEventListener('change', schedule)
  }
}
