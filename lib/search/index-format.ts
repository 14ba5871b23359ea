/**
 * The static search index as the browser downloads it, and how tokens map to
 * the files that hold them. Shared by the builder, the server and the browser.
 *
 * - `manifest.json`: counts, field lengths for ranking, the chunk count and
 *   the version that names every other file (so those can be cached forever).
 * - token chunks `t<n>.<version>.json`: postings of the tokens whose hash falls
 *   in chunk n; a query downloads only the chunks of its own tokens.
 * - documents `d<id>.<version>.json`: what a result shows (title, date,
 *   category) and the prose snippets are cut from; fetched for the results on
 *   screen only. Document ids follow date order, newest first.
 */

export const SEARCH_INDEX_FORMAT = 1

export interface SearchManifest {
  format: typeof SEARCH_INDEX_FORMAT
  version: string
  documents: number
  chunks: number
  /** Ranking length (words and bigrams) of each document's body, by id. */
  lengths: number[]
}

/**
 * Postings of one token, flattened for size: pairs of (document id minus the
 * previous id in the list, fields << 0 | body count << FIELD_BITS).
 */
export type Postings = number[]
export type TokenChunk = Record<string, Postings>

export interface SearchDocument {
  slug: string
  title: string
  /** YYYY-MM-DD */
  date: string
  category: string
  tags: string[]
  summary?: string
  /** Article prose without math or code. */
  text: string
}

/** Where a token occurs in a document; the body also has a count. */
export const Field = { title: 1, tags: 2, category: 4, summary: 8, body: 16 } as const
export const FIELD_BITS = 5
/** Body counts are capped: beyond this, repetition says nothing more about relevance. */
export const MAX_BODY_COUNT = 255

export function manifestFile(): string {
  return 'manifest.json'
}

export function chunkFile(chunk: number, version: string): string {
  return `t${chunk}.${version}.json`
}

export function documentFile(id: number, version: string): string {
  return `d${id}.${version}.json`
}

/**
 * FNV-1a over UTF-16 code units: the same number in every JavaScript engine,
 * so the builder and the browser agree on where a token lives.
 */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

export function chunkOf(token: string, chunks: number): number {
  return hashString(token) % chunks
}
