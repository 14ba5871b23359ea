/**
 * Previews of what a reference points at, in a small popover beside the link:
 * the equation of an \eqref, the theorem or figure of a <Ref> or \ref, the
 * note of a footnote reference. One popover
 * for both, shown on hover and keyboard focus; on touch the first tap shows
 * it and a second tap follows the link. Without JavaScript the links still
 * jump to their targets. Loaded on the first hover, focus or touch of such a
 * link (app/_components/article/reader-tools.tsx).
 *
 * The popover stays while the pointer is over it (WCAG 1.4.13), closes with
 * Escape, and copies its content without ids and without links: it is a
 * tooltip, not a place to click.
 */

const POPOVER_ID = 'reference-preview'
/** Time to move the pointer from the link onto the popover. */
const LEAVE_DELAY = 300

function targetOf(link: HTMLAnchorElement): { element: Element; kind: 'equation' | 'footnote' } | null {
  const target = document.getElementById(decodeURIComponent(link.hash.slice(1)))
  if (!target) return null
  if (link.matches('a.eqref')) {
    // A theorem-like block or a numbered figure carries its id itself; an equation's number sits inside it.
    const equation = target.closest('.math-display, .theorem, .figure--numbered')
    return equation && !equation.contains(link) ? { element: equation, kind: 'equation' } : null
  }
  return target.closest('li') ? { element: target.closest('li')!, kind: 'footnote' } : null
}

function previewContent(target: Element, kind: 'equation' | 'footnote'): DocumentFragment {
  const fragment = document.createDocumentFragment()
  const copy = target.cloneNode(true) as Element
  copy.querySelectorAll('[data-footnote-backref], .formula-tools').forEach((element) => element.remove())
  copy.removeAttribute('id')
  copy.querySelectorAll('[id]').forEach((element) => element.removeAttribute('id'))
  // A tooltip holds no controls: links become their text.
  copy.querySelectorAll('a').forEach((anchor) => {
    const span = document.createElement('span')
    span.className = anchor.className
    span.append(...anchor.childNodes)
    anchor.replaceWith(span)
  })
  if (kind === 'equation') fragment.append(copy)
  else fragment.append(...copy.childNodes)
  return fragment
}

export interface ReferencePreview {
  /** Shows the preview of `link` (hover, focus, or a first tap). */
  show(link: HTMLAnchorElement): void
  /** Hides it now, or after a moment for a pointer that may be moving onto the popover. */
  hide(options?: { soon?: boolean }): void
  /** The link whose preview is shown. */
  readonly shownFor: HTMLAnchorElement | null
  readonly popover: HTMLElement | null
}

export function createReferencePreview(): ReferencePreview {
  let popover: HTMLDivElement | null = null
  let link: HTMLAnchorElement | null = null
  let describedBy: string | null = null
  let timer: ReturnType<typeof setTimeout> | undefined

  const hideNow = () => {
    clearTimeout(timer)
    popover?.remove()
    popover = null
    if (link) {
      if (describedBy === null) link.removeAttribute('aria-describedby')
      else link.setAttribute('aria-describedby', describedBy)
    }
    link = null
  }

  const show = (next: HTMLAnchorElement) => {
    clearTimeout(timer)
    if (next === link) return
    const target = targetOf(next)
    if (!target) return
    hideNow()
    link = next
    popover = document.createElement('div')
    popover.id = POPOVER_ID
    popover.className = `ref-popover ref-popover--${target.kind}`
    popover.setAttribute('role', 'tooltip')
    popover.append(previewContent(target.element, target.kind))
    popover.addEventListener('mouseenter', () => clearTimeout(timer))
    popover.addEventListener('mouseleave', () => api.hide({ soon: true }))
    document.body.append(popover)
    const rect = next.getBoundingClientRect()
    const width = popover.offsetWidth
    const viewport = document.documentElement.clientWidth
    const left = Math.max(8, Math.min(rect.left, viewport - width - 8))
    // Below the link, or above it when there is no room below.
    const below = rect.bottom + 6
    const top = below + popover.offsetHeight > window.innerHeight && rect.top - popover.offsetHeight - 6 > 0 ? rect.top - popover.offsetHeight - 6 : below
    popover.style.left = `${left + window.scrollX}px`
    popover.style.top = `${top + window.scrollY}px`
    describedBy = next.getAttribute('aria-describedby')
    next.setAttribute('aria-describedby', describedBy ? `${POPOVER_ID} ${describedBy}` : POPOVER_ID)
  }

  const api: ReferencePreview = {
    show,
    hide({ soon = false } = {}) {
      clearTimeout(timer)
      if (soon) timer = setTimeout(hideNow, LEAVE_DELAY)
      else hideNow()
    },
    get shownFor() {
      return link
    },
    get popover() {
      return popover
    },
  }
  return api
}
