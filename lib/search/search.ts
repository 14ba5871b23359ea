import { chunkOf, Field, FIELD_BITS, type SearchDocument, type SearchManifest, type TokenChunk } from './index-format'
import { highlight, snippet, type TextSegment } from './snippet'
import { parseQuery, type QueryTerm } from './tokenize'

/**
 * Answers a query from the static index. The same function runs in the
 * browser (files fetched from /search-index/) and on the server for the
 * no-JavaScript fallback (files held in memory), so both rank identically.
 */

export interface SearchSource {
  manifest(): Promise<SearchManifest>
  chunk(chunk: number, version: string): Promise<TokenChunk>
  document(id: number, version: string): Promise<SearchDocument>
}

export interface SearchResult {
  slug: string
  title: string
  titleSegments: TextSegment[]
  date: string
  category: string
  snippet: TextSegment[]
}

export interface SearchResponse {
  query: string
  /** Articles found, over all pages. */
  total: number
  page: number
  pageCount: number
  /** No article contains every term; these contain the most of them. */
  partial: boolean
  results: SearchResult[]
}

export const RESULTS_PER_PAGE = 10

/**
 * Field weights, on the scale of one body match (BM25 tops out at k1 + 1).
 * Title matches are also ranked first outright, before any score.
 */
const WEIGHT = { title: 4, tags: 2.5, category: 1.5, summary: 1.5 }
const K1 = 1.2
const B = 0.75

interface TermHit {
  fields: number
  count: number
}

interface Candidate {
  id: number
  matched: number
  titleTerms: number
  score: number
}

function decode(postings: readonly number[]): Map<number, number> {
  const byId = new Map<number, number>()
  let id = 0
  for (let i = 0; i + 1 < postings.length; i += 2) {
    id += postings[i]!
    byId.set(id, postings[i + 1]!)
  }
  return byId
}

/**
 * Documents containing every token of the term, with the fields that contain
 * all of them and the smallest body count (a phrase occurs at most that often).
 */
function hitsOf(term: QueryTerm, postingsOf: (token: string) => Map<number, number> | undefined): Map<number, TermHit> {
  let hits: Map<number, TermHit> | undefined
  for (const token of term.tokens) {
    const postings = postingsOf(token)
    if (!postings) return new Map()
    if (!hits) {
      hits = new Map()
      for (const [id, packed] of postings) hits.set(id, { fields: packed & ((1 << FIELD_BITS) - 1), count: packed >>> FIELD_BITS })
      continue
    }
    for (const [id, hit] of hits) {
      const packed = postings.get(id)
      if (packed === undefined) {
        hits.delete(id)
        continue
      }
      hit.fields &= packed
      hit.count = Math.min(hit.count, packed >>> FIELD_BITS)
    }
  }
  return hits ?? new Map()
}

function rank(terms: readonly QueryTerm[], manifest: SearchManifest, postingsOf: (token: string) => Map<number, number> | undefined): Candidate[] {
  const n = manifest.documents
  const averageLength = manifest.lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, n) || 1
  const candidates = new Map<number, Candidate>()
  for (const term of terms) {
    const hits = hitsOf(term, postingsOf)
    const idf = Math.log(1 + (n - hits.size + 0.5) / (hits.size + 0.5))
    for (const [id, hit] of hits) {
      const length = manifest.lengths[id] ?? averageLength
      const body = (hit.count * (K1 + 1)) / (hit.count + K1 * (1 - B + (B * length) / averageLength))
      const fields =
        (hit.fields & Field.title ? WEIGHT.title : 0) +
        (hit.fields & Field.tags ? WEIGHT.tags : 0) +
        (hit.fields & Field.category ? WEIGHT.category : 0) +
        (hit.fields & Field.summary ? WEIGHT.summary : 0)
      const candidate = candidates.get(id) ?? { id, matched: 0, titleTerms: 0, score: 0 }
      candidate.matched++
      if (hit.fields & Field.title) candidate.titleTerms++
      candidate.score += idf * (fields + body)
      candidates.set(id, candidate)
    }
  }
  let best = 0
  for (const candidate of candidates.values()) best = Math.max(best, candidate.matched)
  return [...candidates.values()]
    .filter((c) => c.matched === best)
    .sort((a, b) => b.titleTerms - a.titleTerms || b.score - a.score || a.id - b.id)
}

function emptyResponse(query: string): SearchResponse {
  return { query, total: 0, page: 1, pageCount: 0, partial: false, results: [] }
}

export async function search(source: SearchSource, query: string, options: { page?: number; pageSize?: number } = {}): Promise<SearchResponse> {
  const terms = parseQuery(query)
  if (terms.length === 0) return emptyResponse(query)
  const manifest = await source.manifest()
  const tokens = [...new Set(terms.flatMap((term) => term.tokens))]
  const chunkIds = [...new Set(tokens.map((token) => chunkOf(token, manifest.chunks)))]
  const chunks = new Map(await Promise.all(chunkIds.map(async (id) => [id, await source.chunk(id, manifest.version)] as const)))
  const decoded = new Map<string, Map<number, number> | undefined>()
  const postingsOf = (token: string) => {
    if (!decoded.has(token)) {
      const chunk = chunks.get(chunkOf(token, manifest.chunks))
      // Own properties only: a query for "constructor" must not find Object's.
      decoded.set(token, chunk && Object.hasOwn(chunk, token) ? decode(chunk[token]!) : undefined)
    }
    return decoded.get(token)
  }

  const ranked = rank(terms, manifest, postingsOf)
  if (ranked.length === 0) return emptyResponse(query)
  const pageSize = options.pageSize ?? RESULTS_PER_PAGE
  const pageCount = Math.ceil(ranked.length / pageSize)
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pageCount)
  const needles = terms.map((term) => term.text)
  const shown = ranked.slice((page - 1) * pageSize, page * pageSize)
  const results = await Promise.all(
    shown.map(async ({ id }) => {
      const doc = await source.document(id, manifest.version)
      return {
        slug: doc.slug,
        title: doc.title,
        titleSegments: highlight(doc.title, needles),
        date: doc.date,
        category: doc.category,
        snippet: snippetOf(doc, needles),
      }
    }),
  )
  return { query, total: ranked.length, page, pageCount, partial: ranked[0]!.matched < terms.length, results }
}

/** From the prose where the words occur; else the summary, which says what the article is about. */
function snippetOf(doc: SearchDocument, needles: readonly string[]): TextSegment[] {
  const fromText = snippet(doc.text, needles)
  if (fromText.some((segment) => segment.match) || !doc.summary) return fromText
  return snippet(doc.summary, needles)
}
