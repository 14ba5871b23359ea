import { notFound } from 'next/navigation'
import type { PostListItem } from '@/lib/content/posts.server'
import { pageCount, pageOf } from '@/lib/content/taxonomy'
import { Pagination } from './pagination'
import { PostList } from './post-list'

/** A titled, paginated list of articles: category, tag and home pages share it. */
export function Listing({
  title,
  kind,
  posts,
  page,
  href,
}: {
  title: string
  kind: string
  posts: readonly PostListItem[]
  page: number
  href: (page: number) => string
}) {
  const total = pageCount(posts.length)
  if (posts.length === 0 || !Number.isInteger(page) || page < 1 || page > total) notFound()
  return (
    <>
      <h1 className="page-title">
        {kind}：{title}
        <small>
          共 {posts.length} 篇{total > 1 ? `，第 ${page}/${total} 页` : ''}
        </small>
      </h1>
      <PostList posts={pageOf(posts, page)} />
      <Pagination current={page} total={total} href={href} />
    </>
  )
}
