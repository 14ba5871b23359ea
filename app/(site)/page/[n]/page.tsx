import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { Pagination } from '@/app/_components/lists/pagination'
import { PostList } from '@/app/_components/lists/post-list'
import { getPostList, getPostMetas } from '@/lib/content/posts.server'
import { pageCount, pageOf } from '@/lib/content/taxonomy'
import { pageMetadata } from '@/lib/site/metadata'
import { paths } from '@/lib/site/urls'

// Only pages that exist are generated; anything else (past the end, "abc") is a 404.
// /page/1 redirects to / (next.config.mjs).
export const dynamicParams = false

export function generateStaticParams() {
  const total = pageCount(getPostMetas().length)
  return Array.from({ length: Math.max(0, total - 1) }, (_, i) => ({ n: String(i + 2) }))
}

export async function generateMetadata({ params }: PageProps<'/page/[n]'>): Promise<Metadata> {
  const { n } = await params
  return pageMetadata({ title: `第 ${n} 页`, path: paths.page(Number(n)) })
}

export default async function ListPage({ params }: PageProps<'/page/[n]'>) {
  const page = Number((await params).n)
  const posts = await getPostList()
  const total = pageCount(posts.length)
  if (!Number.isInteger(page) || page < 2 || page > total) notFound()
  return (
    <>
      <h1 className="page-title">
        最新文章 <small>第 {page} 页，共 {total} 页</small>
      </h1>
      <PostList posts={pageOf(posts, page)} />
      <Pagination current={page} total={total} href={paths.page} />
    </>
  )
}
