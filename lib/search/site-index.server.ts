import 'server-only'
import { catalogRevision, getSearchDocuments } from '@/lib/content/posts.server'
import { buildSearchIndex, memorySource, searchDocument, serializeSearchIndex, type SearchIndex } from './build-index'
import type { SearchDocument } from './index-format'
import { search, type SearchResponse } from './search'

/**
 * The site's index, built from the published articles (drafts only exist in
 * development). At build time it becomes the static files under
 * /search-index/; at run time the same index answers the no-JavaScript
 * fallback of /search?q=.
 */

interface SiteIndex {
  index: SearchIndex
  files: Map<string, string>
}

let built: { revision: string; index: SiteIndex } | undefined

function buildSiteIndex(documents: readonly SearchDocument[]): SiteIndex {
  const index = buildSearchIndex(documents.map(searchDocument))
  return { index, files: serializeSearchIndex(index) }
}

/** Built once per process from the catalog's search documents; in development again whenever the catalog changes. */
export async function getSiteIndex(): Promise<SiteIndex> {
  const revision = catalogRevision()
  if (built?.revision !== revision) built = { revision, index: buildSiteIndex(getSearchDocuments()) }
  return built.index
}

export async function searchSite(query: string, page = 1): Promise<SearchResponse> {
  const { index } = await getSiteIndex()
  return search(memorySource(index), query, { page })
}
