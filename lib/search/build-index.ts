import {
  chunkFile,
  chunkOf,
  documentFile,
  Field,
  FIELD_BITS,
  hashString,
  manifestFile,
  MAX_BODY_COUNT,
  SEARCH_INDEX_FORMAT,
  type SearchDocument,
  type SearchManifest,
  type TokenChunk,
} from './index-format'
import type { SearchSource } from './search'
import { fieldLength, indexTokens } from './tokenize'

/**
 * Builds the static index from the published articles. Pure: the site builds
 * it from compiled articles, the benchmark from a generated corpus.
 */

export interface SearchIndex {
  manifest: SearchManifest
  chunks: TokenChunk[]
  documents: SearchDocument[]
}

export interface BuildOptions {
  /**
   * Uncompressed postings per chunk to aim for. Postings compress about 4:1,
   * so 96 KB makes chunks of ~25 KB on the wire: a query of six tokens stays
   * far below the 300 KB first-query budget, and small sites get one chunk.
   */
  targetChunkBytes?: number
}

const DEFAULT_TARGET_CHUNK_BYTES = 96 * 1024

/**
 * The indexed form of an article. Its summary may hold $inline math$, whose
 * TeX would only clutter snippets; the body text has no math already.
 */
export function searchDocument(article: SearchDocument): SearchDocument {
  const summary = article.summary?.replace(/\$[^$]*\$/g, ' ').replace(/\s{2,}/g, ' ').trim()
  return {
    slug: article.slug,
    title: article.title,
    date: article.date,
    category: article.category,
    tags: article.tags,
    ...(summary ? { summary } : {}),
    text: article.text,
  }
}

function newestFirst(a: SearchDocument, b: SearchDocument): number {
  return a.date === b.date ? a.slug.localeCompare(b.slug) : a.date < b.date ? 1 : -1
}

export function buildSearchIndex(input: readonly SearchDocument[], options: BuildOptions = {}): SearchIndex {
  const documents = [...input].sort(newestFirst)
  // token → flattened (id gap, packed) pairs, appended in id order.
  const postings = new Map<string, { last: number; list: number[] }>()
  const lengths: number[] = []

  documents.forEach((doc, id) => {
    const fields = new Map<string, number>()
    const mark = (text: string, field: number) => {
      for (const token of indexTokens(text).keys()) fields.set(token, (fields.get(token) ?? 0) | field)
    }
    mark(doc.title, Field.title)
    mark(doc.tags.join('\n'), Field.tags)
    mark(doc.category, Field.category)
    if (doc.summary) mark(doc.summary, Field.summary)
    const body = indexTokens(doc.text)
    for (const token of body.keys()) fields.set(token, (fields.get(token) ?? 0) | Field.body)
    lengths.push(fieldLength(body))

    for (const [token, bits] of fields) {
      const packed = bits | (Math.min(body.get(token) ?? 0, MAX_BODY_COUNT) << FIELD_BITS)
      const entry = postings.get(token)
      if (entry) {
        entry.list.push(id - entry.last, packed)
        entry.last = id
      } else {
        postings.set(token, { last: id, list: [id, packed] })
      }
    }
  })

  let totalBytes = 0
  for (const [token, { list }] of postings) totalBytes += token.length * 3 + 4 + JSON.stringify(list).length
  const chunkCount = Math.max(1, Math.ceil(totalBytes / (options.targetChunkBytes ?? DEFAULT_TARGET_CHUNK_BYTES)))
  // Without a prototype, a token such as "__proto__" is stored like any other.
  const chunks: TokenChunk[] = Array.from({ length: chunkCount }, () => Object.create(null) as TokenChunk)
  // Sorted tokens make the output, and so the version, independent of Map order.
  for (const token of [...postings.keys()].sort()) chunks[chunkOf(token, chunkCount)]![token] = postings.get(token)!.list

  const version = versionOf(chunks, documents, lengths)
  return {
    manifest: { format: SEARCH_INDEX_FORMAT, version, documents: documents.length, chunks: chunkCount, lengths },
    chunks,
    documents,
  }
}

/** Changes whenever any file's content does, so file names can be cached for good. */
function versionOf(chunks: readonly TokenChunk[], documents: readonly SearchDocument[], lengths: readonly number[]): string {
  let a = hashString(`${SEARCH_INDEX_FORMAT}:${lengths.join(',')}`)
  let b = hashString(String(chunks.length), 0x9747b28c)
  const add = (text: string) => {
    a = hashString(text, a)
    b = hashString(text, b ^ 0x5bd1e995)
  }
  for (const chunk of chunks) add(JSON.stringify(chunk))
  for (const doc of documents) add(JSON.stringify(doc))
  return (a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')).slice(0, 12)
}

/** The index held in memory, for the server's no-JavaScript fallback and for tests. */
export function memorySource(index: SearchIndex): SearchSource {
  const checked = (version: string) => {
    if (version !== index.manifest.version) throw new Error(`search index version ${version} is not ${index.manifest.version}`)
  }
  return {
    manifest: async () => index.manifest,
    chunk: async (chunk, version) => {
      checked(version)
      return index.chunks[chunk] ?? {}
    },
    document: async (id, version) => {
      checked(version)
      const doc = index.documents[id]
      if (!doc) throw new Error(`search index has no document ${id}`)
      return doc
    },
  }
}

/** Every file of the index by name, as served under /search-index/. */
export function serializeSearchIndex(index: SearchIndex): Map<string, string> {
  const files = new Map<string, string>([[manifestFile(), JSON.stringify(index.manifest)]])
  index.chunks.forEach((chunk, n) => files.set(chunkFile(n, index.manifest.version), JSON.stringify(chunk)))
  index.documents.forEach((doc, id) => files.set(documentFile(id, index.manifest.version), JSON.stringify(doc)))
  return files
}
