import { chunkFile, documentFile, manifestFile, type SearchDocument, type SearchManifest, type TokenChunk } from './index-format'
import type { SearchSource } from './search'

/**
 * The index as the browser reads it: static files under /search-index/,
 * each fetched at most once per page load. Chunk and document names carry the
 * index version, so the HTTP cache may keep them; the manifest is revalidated.
 */

export const SEARCH_INDEX_PATH = '/search-index'

export class SearchIndexUnavailable extends Error {}

async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init)
  if (!response.ok) throw new SearchIndexUnavailable(`${url} answered ${response.status}`)
  return (await response.json()) as T
}

export function fetchSource(base = SEARCH_INDEX_PATH): SearchSource {
  let manifest: Promise<SearchManifest> | undefined
  const files = new Map<string, Promise<unknown>>()
  const load = <T>(name: string): Promise<T> => {
    let pending = files.get(name)
    if (!pending) {
      pending = fetchJson<T>(`${base}/${name}`)
      // A failed request may succeed later (offline for a moment): do not keep it.
      pending.catch(() => files.delete(name))
      files.set(name, pending)
    }
    return pending as Promise<T>
  }
  return {
    manifest() {
      manifest ??= fetchJson<SearchManifest>(`${base}/${manifestFile()}`, { cache: 'no-cache' })
      manifest.catch(() => (manifest = undefined))
      return manifest
    },
    chunk: (chunk, version) => load<TokenChunk>(chunkFile(chunk, version)),
    document: (id, version) => load<SearchDocument>(documentFile(id, version)),
  }
}
