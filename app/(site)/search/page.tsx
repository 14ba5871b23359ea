import type { Metadata } from 'next'
import { searchSite } from '@/lib/search/site-index.server'
import { pageMetadata } from '@/lib/site/metadata'
import { paths } from '@/lib/site/urls'
import { LiveSearch } from './live-search'
import { SearchSuggestions } from './search-suggestions'

/** Long enough for any real query; bounds the work a crafted URL can cause. */
const MAX_QUERY_LENGTH = 200

function queryOf(value: string | string[] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value
  return (first ?? '').slice(0, MAX_QUERY_LENGTH)
}

function pageOf(value: string | string[] | undefined): number {
  const page = Number(Array.isArray(value) ? value[0] : value)
  return Number.isInteger(page) && page > 1 ? page : 1
}

export async function generateMetadata({ searchParams }: PageProps<'/search'>): Promise<Metadata> {
  const query = queryOf((await searchParams).q).trim()
  return {
    ...pageMetadata({ title: query ? `搜索：${query}` : '搜索', description: '搜索全部文章的标题、标签、摘要和正文', path: paths.search(query) }),
    // Result pages are endless variations of the articles themselves.
    robots: { index: false },
  }
}

export default async function SearchPage({ searchParams }: PageProps<'/search'>) {
  const params = await searchParams
  const query = queryOf(params.q)
  const page = pageOf(params.page)
  // The no-JavaScript answer, from the same index and ranking the browser uses.
  const response = query.trim() ? await searchSite(query, page) : null
  return (
    <>
      <h1 className="page-title">搜索</h1>
      <LiveSearch key={`${query}\n${page}`} initialQuery={query} initialResponse={response} emptyState={<SearchSuggestions />} />
    </>
  )
}
