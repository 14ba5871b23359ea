import 'server-only'
import { getPost, getPostMetas, type PostMeta } from '@/lib/content/posts.server'
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

let built: { metas: readonly PostMeta[]; pending: Promise<SiteIndex> } | undefined

async function buildSiteIndex(metas: readonly PostMeta[]): Promise<SiteIndex> {
  const documents: SearchDocument[] = []
  for (const meta of metas) {
    const post = await getPost(meta.slug)
    if (!post) continue
    documents.push(searchDocument(post))
  }
  const index = buildSearchIndex(documents)
  return { index, files: serializeSearchIndex(index) }
}

/** Built once per process; in development again whenever the article list is re-read. */
export function getSiteIndex(): Promise<SiteIndex> {
  const metas = getPostMetas()
  if (!built || built.metas !== metas) {
    const pending = buildSiteIndex(metas)
    built = { metas, pending }
    pending.catch(() => (built = undefined))
  }
  return built.pending
}

export async function searchSite(query: string, page = 1): Promise<SearchResponse> {
  const { index } = await getSiteIndex()
  return search(memorySource(index), query, { page })
}
