'use client'

import { useEffect } from 'react'

/**
 * Progressive enhancement for \eqref links and <Ref>s: hovering or focusing one
 * shows the referenced equation, theorem or figure in a small popover. Without JavaScript the link still
 * jumps to the equation.
 */
export function EquationPreview() {
  useEffect(() => {
    let popover: HTMLDivElement | null = null
    const hide = () => {
      popover?.remove()
      popover = null
    }
    const show = (event: Event) => {
      const link = (event.target as Element | null)?.closest?.('a.eqref')
      if (!(link instanceof HTMLAnchorElement)) return
      const id = decodeURIComponent(link.hash.slice(1))
      const equation = document.getElementById(id)?.closest('.math-display, .theorem, .figure--numbered')
      if (!equation || equation.contains(link)) return
      hide()
      popover = document.createElement('div')
      popover.className = 'eq-popover'
      popover.setAttribute('role', 'tooltip')
      const copy = equation.cloneNode(true) as Element
      // A theorem or figure carries its id on itself, an equation on a descendant: the copy keeps neither.
      copy.removeAttribute('id')
      copy.querySelectorAll('[id]').forEach((element) => element.removeAttribute('id'))
      popover.append(copy)
      document.body.append(popover)
      const rect = link.getBoundingClientRect()
      const width = popover.offsetWidth
      const left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8))
      popover.style.left = `${left}px`
      popover.style.top = `${rect.bottom + window.scrollY + 6}px`
      link.setAttribute('aria-describedby', 'eq-popover')
      popover.id = 'eq-popover'
    }
    const leave = (event: Event) => {
      if ((event.target as Element | null)?.closest?.('a.eqref')) hide()
    }
    const escape = (event: KeyboardEvent) => event.key === 'Escape' && hide()
    document.addEventListener('mouseover', show)
    document.addEventListener('focusin', show)
    document.addEventListener('mouseout', leave)
    document.addEventListener('focusout', leave)
    document.addEventListener('keydown', escape)
    window.addEventListener('scroll', hide, { passive: true })
    return () => {
      hide()
      document.removeEventListener('mouseover', show)
      document.removeEventListener('focusin', show)
      document.removeEventListener('mouseout', leave)
      document.removeEventListener('focusout', leave)
      document.removeEventListener('keydown', escape)
      window.removeEventListener('scroll', hide)
    }
  }, [])
  return null
}
