import { fetchSource, SearchIndexUnavailable } from './fetch-source'
import { search, type SearchResponse } from './search'

/**
 * The browser's entry point, loaded with a dynamic import only where search is
 * used, so the index code is not part of every page's JavaScript.
 */

let source = fetchSource()

export async function searchInBrowser(query: string, page = 1): Promise<SearchResponse> {
  try {
    return await search(source, query, { page })
  } catch (error) {
    if (!(error instanceof SearchIndexUnavailable)) throw error
    // A new deployment replaced the index files this page knew: start over once.
    source = fetchSource()
    return search(source, query, { page })
  }
}

/** Downloads what a query needs while the reader is still typing in the header box. */
export function prefetchSearch(query: string): void {
  searchInBrowser(query).catch(() => {})
}
