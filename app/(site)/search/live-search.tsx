'use client'

import { useEffect, useRef, useState } from 'react'
import { Pagination } from '@/app/_components/lists/pagination'
import { searchInBrowser } from '@/lib/search/browser-search'
import type { SearchResponse } from '@/lib/search/search'
import { paths } from '@/lib/site/urls'
import { describeResponse, SearchResults } from './search-results'

const TYPING_DELAY_MS = 120
/** Most answers come sooner; saying "searching" for them would only flicker. */
const SLOW_SEARCH_MS = 300

/**
 * The search form and its results. The server renders the first state from
 * ?q= (so the page works without JavaScript); after that, typing searches the
 * static index in the browser and keeps the address in sync, with no request
 * to the server.
 */
export function LiveSearch({
  initialQuery,
  initialResponse,
  emptyState,
}: {
  initialQuery: string
  initialResponse: SearchResponse | null
  emptyState: React.ReactNode
}) {
  const [query, setQuery] = useState(initialQuery)
  const [response, setResponse] = useState(initialResponse)
  const [answeredQuery, setAnsweredQuery] = useState(initialQuery)
  const [searching, setSearching] = useState(false)
  const latest = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const slowTimer = useRef<ReturnType<typeof setTimeout>>(undefined)

  useEffect(
    () => () => {
      clearTimeout(timer.current)
      clearTimeout(slowTimer.current)
    },
    [],
  )

  const run = async (text: string) => {
    clearTimeout(timer.current)
    const ticket = ++latest.current
    // replaceState keeps the URL shareable without a history entry per keystroke
    // and, unlike router.replace, without asking the server to render again.
    window.history.replaceState(null, '', paths.search(text.trim()))
    clearTimeout(slowTimer.current)
    setSearching(false)
    if (!text.trim()) {
      setResponse(null)
      setAnsweredQuery(text)
      return
    }
    slowTimer.current = setTimeout(() => setSearching(true), SLOW_SEARCH_MS)
    try {
      const next = await searchInBrowser(text)
      if (ticket !== latest.current) return
      clearTimeout(slowTimer.current)
      setResponse(next)
      setAnsweredQuery(text)
      setSearching(false)
    } catch {
      // The index could not be loaded: the server answers the same query.
      if (ticket === latest.current) window.location.assign(paths.search(text.trim()))
    }
  }

  const hasResults = response !== null && response.total > 0
  return (
    <>
      <form
        role="search"
        aria-label="搜索页"
        action={paths.search()}
        method="get"
        className="search-form"
        onSubmit={(event) => {
          event.preventDefault()
          void run(query)
        }}
      >
        <label htmlFor="search-page-input" className="search-form__label">
          搜索关键词
        </label>
        <div className="search-form__row">
          <input
            id="search-page-input"
            className="search-form__input"
            type="search"
            name="q"
            value={query}
            placeholder="如：长度外推、线性Attention、VQ-VAE"
            autoComplete="off"
            enterKeyHint="search"
            maxLength={200}
            onChange={(event) => {
              const text = event.target.value
              setQuery(text)
              clearTimeout(timer.current)
              timer.current = setTimeout(() => void run(text), TYPING_DELAY_MS)
            }}
          />
          <button type="submit" className="button">
            搜索
          </button>
        </div>
      </form>
      <p role="status" className="search-status" aria-busy={searching}>
        {searching ? '正在搜索…' : describeResponse(response, answeredQuery)}
      </p>
      {hasResults ? <SearchResults response={response} /> : null}
      {hasResults ? (
        <Pagination current={response.page} total={response.pageCount} href={(page) => paths.search(answeredQuery.trim(), page)} />
      ) : null}
      {!hasResults && answeredQuery.trim() && !searching ? emptyState : null}
    </>
  )
}
