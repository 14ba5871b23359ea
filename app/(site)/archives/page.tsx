import type { Metadata } from 'next'
import { SiteLink } from '@/app/_components/site-link'
import { getPostMetas } from '@/lib/content/posts.server'
import { archiveOf } from '@/lib/content/taxonomy'
import { pageMetadata } from '@/lib/site/metadata'
import { paths } from '@/lib/site/urls'

export const metadata: Metadata = pageMetadata({
  title: '文章归档',
  description: '按年、按月列出的全部文章',
  path: paths.archive(),
})

export default function ArchivePage() {
  const years = archiveOf(getPostMetas())
  const total = years.reduce((sum, year) => sum + year.count, 0)
  return (
    <>
      <h1 className="page-title">
        文章归档 <small>共 {total} 篇</small>
      </h1>
      {years.map((year) => (
        <section key={year.year} className="archive-year" aria-labelledby={`year-${year.year}`}>
          <h2 id={`year-${year.year}`}>
            {year.year} 年 <small className="muted">（{year.count} 篇）</small>
          </h2>
          {year.months.map((month) => (
            <section key={month.month} className="archive-month" id={`${month.year}-${month.month}`}>
              <h3>
                {Number(month.month)} 月 <span className="count">（{month.posts.length} 篇）</span>
              </h3>
              <ul>
                {month.posts.map((post) => (
                  <li key={post.slug}>
                    <time dateTime={post.date}>{post.date.slice(5)}</time>
                    <SiteLink href={paths.article(post.slug)}>{post.title}</SiteLink>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
    </>
  )
}
