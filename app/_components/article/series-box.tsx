import { SiteLink } from '@/app/_components/site-link'
import type { PostMeta } from '@/lib/content/posts.server'
import type { Series } from '@/lib/content/taxonomy'
import { paths } from '@/lib/site/urls'

/** "Part k of n", the list of parts, and previous/next within the series. */
export function SeriesBox({ series, current }: { series: Series; current: PostMeta }) {
  const index = series.parts.findIndex((part) => part.slug === current.slug)
  const previous = series.parts[index - 1]
  const next = series.parts[index + 1]
  return (
    <nav className="series-box" aria-labelledby="series-title">
      <h2 id="series-title">
        系列：<SiteLink href={paths.series(series.name)}>{series.name}</SiteLink>（第 {index + 1} 篇，共 {series.parts.length} 篇）
      </h2>
      <ol>
        {series.parts.map((part) => (
          <li key={part.slug}>
            {part.slug === current.slug ? (
              <span aria-current="page">{part.title}</span>
            ) : (
              <SiteLink href={paths.article(part.slug)}>{part.title}</SiteLink>
            )}
          </li>
        ))}
      </ol>
      <div className="series-box__nav">
        <span>{previous ? <SiteLink href={paths.article(previous.slug)}>← 上一篇：{previous.title}</SiteLink> : null}</span>
        <span>{next ? <SiteLink href={paths.article(next.slug)}>下一篇：{next.title} →</SiteLink> : null}</span>
      </div>
    </nav>
  )
}
