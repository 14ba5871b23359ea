'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef } from 'react'
import { paths } from '@/lib/site/urls'

/** Fields where "/" is text the reader is typing, not the shortcut. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

const PREFETCH_DELAY_MS = 250

/**
 * The header's search box: a plain GET form to /search (works without
 * JavaScript), "/" to focus it, and while the reader types, the search code
 * and the index files for the words so far load in the background, so the
 * results page answers at once. Nothing of the index loads before that.
 */
export function HeaderSearch() {
  const router = useRouter()
  const input = useRef<HTMLInputElement>(null)
  const prefetchTimer = useRef<ReturnType<typeof setTimeout>>(undefined)

  useEffect(() => {
    const focusOnSlash = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return
      if (isTypingTarget(event.target)) return
      event.preventDefault()
      input.current?.focus()
      input.current?.select()
    }
    document.addEventListener('keydown', focusOnSlash)
    return () => {
      document.removeEventListener('keydown', focusOnSlash)
      clearTimeout(prefetchTimer.current)
    }
  }, [])

  const prefetch = (query: string) => {
    clearTimeout(prefetchTimer.current)
    if (!query.trim()) return
    prefetchTimer.current = setTimeout(() => {
      import('@/lib/search/browser-search').then((engine) => engine.prefetchSearch(query)).catch(() => {})
    }, PREFETCH_DELAY_MS)
  }

  return (
    <form
      role="search"
      aria-label="全站搜索"
      action={paths.search()}
      method="get"
      className="header-search"
      onSubmit={(event) => {
        event.preventDefault()
        router.push(paths.search(input.current?.value.trim() ?? ''))
      }}
    >
      <label htmlFor="header-search-input" className="visually-hidden">
        搜索文章
      </label>
      <input
        ref={input}
        id="header-search-input"
        className="header-search__input"
        type="search"
        name="q"
        placeholder="搜索文章"
        autoComplete="off"
        enterKeyHint="search"
        aria-keyshortcuts="/"
        onChange={(event) => prefetch(event.target.value)}
      />
      <kbd className="header-search__key" aria-hidden="true" title="按 / 键开始搜索">
        /
      </kbd>
      <button type="submit" className="icon-button header-search__submit" aria-label="搜索" title="搜索">
        <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" width="16" height="16">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M12.7 12.7 17 17" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
    </form>
  )
}
