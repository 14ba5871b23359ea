import type { SearchParams } from '@/lib/request/search-params'
import { firstParam } from '@/lib/request/search-params'

/**
 * What every admin list shares: pages of a fixed size, a text filter, and the
 * LIKE pattern that filter becomes.
 */

export const ADMIN_PAGE_SIZE = 50

/** Longer filters are cut: nobody types more, and the pattern stays cheap. */
export const SEARCH_TEXT_MAX_LENGTH = 200

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageCount: number
}

export type QueryParams = Awaited<SearchParams>

/** `?page=3` → 3; anything else (missing, 0, "abc", "2.5") → 1. */
export function pageParam(params: QueryParams): number {
  const raw = firstParam(params.page)
  return raw && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1
}

/** The text filter `?q=`, trimmed and bounded. */
export function textParam(params: QueryParams, name = 'q'): string {
  return (firstParam(params[name]) ?? '').trim().slice(0, SEARCH_TEXT_MAX_LENGTH)
}

export function offsetOf(page: number): number {
  return (page - 1) * ADMIN_PAGE_SIZE
}

export function pageOf<T>(items: T[], total: number, page: number): Page<T> {
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)) }
}

/**
 * A case-insensitive "contains" pattern for ILIKE: `%` and `_` typed by the
 * editor match themselves, not "anything". Always passed as a parameter, never
 * spliced into SQL text. Backslash is ILIKE's default escape character.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
}

/** Builds `?a=1&b=2` from the non-empty values, for links that keep the current filters. */
export function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== '' && !(name === 'page' && value === 1)) params.set(name, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}
