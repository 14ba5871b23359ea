import type { Metadata } from 'next'
import { SiteLink } from '@/app/_components/site-link'
import { notFound } from 'next/navigation'
import { PostList } from '@/app/_components/lists/post-list'
import { getPostList, getPostMetas } from '@/lib/content/posts.server'
import { seriesOf } from '@/lib/content/taxonomy'
import { decodeParam, pageMetadata } from '@/lib/site/metadata'
import { paths } from '@/lib/site/urls'

export const dynamicParams = false

export function generateStaticParams() {
  return seriesOf(getPostMetas()).map((series) => ({ name: series.name }))
}

export async function generateMetadata({ params }: PageProps<'/series/[name]'>): Promise<Metadata> {
  const name = decodeParam((await params).name)
  return pageMetadata({ title: `系列：${name}`, description: `「${name}」系列的全部文章，按顺序排列`, path: paths.series(name) })
}

/** A series reads in order: part 1 first. */
export default async function SeriesPage({ params }: PageProps<'/series/[name]'>) {
  const name = decodeParam((await params).name)
  const series = seriesOf(getPostMetas()).find((s) => s.name === name)
  if (!series) notFound()
  const bySlug = new Map((await getPostList()).map((post) => [post.slug, post]))
  const parts = series.parts.map((part) => bySlug.get(part.slug)!).filter(Boolean)
  return (
    <>
      <h1 className="page-title">
        系列：{name}
        <small>共 {parts.length} 篇</small>
      </h1>
      <PostList posts={parts} />
      <p>
        <SiteLink href={paths.archive()}>查看全部归档 →</SiteLink>
      </p>
    </>
  )
}
