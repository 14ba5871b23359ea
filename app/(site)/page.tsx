import type { Metadata } from 'next'
import { Pagination } from '@/app/_components/lists/pagination'
import { PostList } from '@/app/_components/lists/post-list'
import { getPostList } from '@/lib/content/posts.server'
import { pageCount, pageOf } from '@/lib/content/taxonomy'
import { pageMetadata } from '@/lib/site/metadata'
import { siteConfig } from '@/lib/site/config'
import { paths } from '@/lib/site/urls'

export const metadata: Metadata = pageMetadata({ path: '/' })

export default async function HomePage() {
  const posts = await getPostList()
  return (
    <>
      <h1 className="visually-hidden">{siteConfig.name}：最新文章</h1>
      <PostList posts={pageOf(posts, 1)} />
      <Pagination current={1} total={pageCount(posts.length)} href={paths.page} />
    </>
  )
}
