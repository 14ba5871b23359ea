import { SiteLink } from '@/app/_components/site-link'
import { Fragment } from 'react'
import { RESULTS_PER_PAGE, type SearchResponse } from '@/lib/search/search'
import type { TextSegment } from '@/lib/search/snippet'
import { paths } from '@/lib/site/urls'

/** Matched words inside <mark>; every segment is a text node, so nothing in it is markup. */
function Highlighted({ segments }: { segments: readonly TextSegment[] }) {
  return segments.map((segment, index) => (segment.match ? <mark key={index}>{segment.text}</mark> : <Fragment key={index}>{segment.text}</Fragment>))
}

function longDate(date: string): string {
  const [year, month, day] = date.split('-')
  return `${year}年${Number(month)}月${Number(day)}日`
}

export function SearchResults({ response }: { response: SearchResponse }) {
  return (
    <ol className="search-results" start={(response.page - 1) * RESULTS_PER_PAGE + 1}>
      {response.results.map((result) => (
        <li key={result.slug} className="search-result">
          <h2 className="search-result__title">
            <SiteLink href={paths.article(result.slug)}>
              <Highlighted segments={result.titleSegments} />
            </SiteLink>
          </h2>
          <p className="search-result__meta">
            <time dateTime={result.date}>{longDate(result.date)}</time>
            {' · 分类：'}
            <SiteLink href={paths.category(result.category)}>{result.category}</SiteLink>
          </p>
          <p className="search-result__snippet">
            <Highlighted segments={result.snippet} />
          </p>
        </li>
      ))}
    </ol>
  )
}

/** What the live region says: found how many, for which words, on which page. */
export function describeResponse(response: SearchResponse | null, query: string): string {
  if (!query.trim()) return '输入关键词，搜索全部文章的标题、标签、摘要和正文。'
  if (!response || response.total === 0) return `没有找到与“${query.trim()}”相关的文章。`
  const pages = response.pageCount > 1 ? `，第 ${response.page}/${response.pageCount} 页` : ''
  const partial = response.partial ? '（没有文章同时包含全部关键词，以下文章包含其中一部分）' : ''
  return `找到 ${response.total} 篇与“${query.trim()}”相关的文章${pages}${partial}。`
}
