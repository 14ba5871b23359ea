'use client'

import { useEffect } from 'react'
import { FORMULA_TOOLS, REFERENCE_LINK, STICKY_TOC_MEDIA, TOC_NAV } from '@/lib/reader/markup'
import { measureFormulasForPrint } from '@/lib/reader/print-fit'
import type { ReferencePreview } from '@/lib/reader/reference-preview'

type CopyTex = typeof import('@/lib/reader/copy-tex')

/** Loads a module once, on first use, and remembers it for code that must run synchronously. */
function lazily<T>(load: () => Promise<T>): { get(): Promise<T>; readonly ready: T | null } {
  let promise: Promise<T> | null = null
  let ready: T | null = null
  return {
    get: () =>
      (promise ??= load().then((value) => {
        ready = value
        return value
      })),
    get ready() {
      return ready
    },
  }
}

const closest = (event: Event, selector: string) => (event.target instanceof Element ? event.target.closest(selector) : null)

/**
 * The reader's tools on an article page: copying formulas as TeX (selection
 * and the "复制 TeX" buttons), previews of equation and footnote references,
 * the table of contents that follows the reader, and formulas that fit the
 * printed page. This first-load part is a few listeners; the code of each tool
 * (lib/reader/) downloads when the reader first reaches for it: a selection, a
 * formula's tools, a reference, a scroll with the TOC beside the text.
 * Fitting formulas for print is the exception: it must run in `beforeprint`.
 */
export function ReaderTools({ slug }: { slug: string }) {
  useEffect(() => {
    const copyTex = lazily<CopyTex>(() => import('@/lib/reader/copy-tex'))
    const preview = lazily<ReferencePreview>(() => import('@/lib/reader/reference-preview').then((m) => m.createReferencePreview()))
    const cleanups: (() => void)[] = []
    const listen = <K extends keyof DocumentEventMap>(type: K, handler: (event: DocumentEventMap[K]) => void, options?: AddEventListenerOptions) => {
      document.addEventListener(type, handler, options)
      cleanups.push(() => document.removeEventListener(type, handler, options))
    }

    // Copying: the copy event must be answered synchronously, so the code is
    // fetched as soon as something is selected, before Ctrl+C.
    listen('selectionchange', () => {
      if (document.getSelection()?.isCollapsed === false) void copyTex.get()
    })
    listen('copy', (event) => copyTex.ready?.onCopy(event))
    const nearFormulaTools = (event: Event) => {
      if (closest(event, `.${FORMULA_TOOLS.wrapper}`)) void copyTex.get()
    }
    listen('pointerover', nearFormulaTools, { passive: true })
    listen('focusin', nearFormulaTools)
    listen('click', (event) => {
      const button = closest(event, `.${FORMULA_TOOLS.copy}`)
      if (button) void copyTex.get().then((module) => module.copyFormulaTex(button))
    })

    // Reference previews: hover and focus show; on touch the first tap shows,
    // the second follows the link.
    const reference = (event: Event) => closest(event, REFERENCE_LINK) as HTMLAnchorElement | null
    const showWhenReady = (link: HTMLAnchorElement, stillWanted: () => boolean) =>
      void preview.get().then((p) => {
        if (stillWanted()) p.show(link)
      })
    listen('mouseover', (event) => {
      const link = reference(event)
      if (link) showWhenReady(link, () => link.matches(':hover'))
    })
    listen('mouseout', (event) => {
      if (reference(event)) preview.ready?.hide({ soon: true })
    })
    listen('focusin', (event) => {
      const link = reference(event)
      if (link) showWhenReady(link, () => document.activeElement === link)
    })
    listen('focusout', (event) => {
      if (reference(event)) preview.ready?.hide()
    })
    listen('keydown', (event) => {
      if (event.key === 'Escape') preview.ready?.hide()
    })
    let tap: { link: HTMLAnchorElement; previewing: boolean } | null = null
    listen('pointerdown', (event) => {
      const link = reference(event)
      tap = event.pointerType === 'touch' && link ? { link, previewing: preview.ready?.shownFor === link } : null
      if (tap) void preview.get()
      else if (!link && !(event.target instanceof Node && preview.ready?.popover?.contains(event.target))) preview.ready?.hide()
    })
    listen('click', (event) => {
      const link = reference(event)
      const touched = tap?.link === link ? tap : null
      tap = null
      if (!link || !touched || touched.previewing) return
      event.preventDefault()
      showWhenReady(link, () => true)
    })

    // The sticky table of contents marks the section being read.
    if (document.querySelector(TOC_NAV)) {
      const wide = window.matchMedia(STICKY_TOC_MEDIA)
      let stopped = false
      const onScroll = () => {
        if (!wide.matches) return
        window.removeEventListener('scroll', onScroll)
        void import('@/lib/reader/section-spy').then((module) => {
          if (!stopped) cleanups.push(module.followCurrentSection())
        })
      }
      window.addEventListener('scroll', onScroll, { passive: true })
      cleanups.push(() => {
        stopped = true
        window.removeEventListener('scroll', onScroll)
      })
    }

    // Printing: wide formulas scale down to the page (app/styles/print.css).
    const beforePrint = () => measureFormulasForPrint()
    window.addEventListener('beforeprint', beforePrint)
    cleanups.push(() => window.removeEventListener('beforeprint', beforePrint))

    // Says that the tools are listening: until the page hydrates, a click on "复制 TeX" does nothing.
    document.documentElement.dataset.readerTools = 'ready'
    cleanups.push(() => delete document.documentElement.dataset.readerTools)

    return () => {
      preview.ready?.hide()
      for (const cleanup of cleanups.reverse()) cleanup()
    }
  }, [slug])
  return null
}
