import 'server-only'
import { getPostList, getPostMetas, type PostListItem } from './posts.server'
import { categoriesOf, pageCount, tagsOf } from './taxonomy'

/** The article lists behind category and tag pages, and the pages to prerender. */
export type ListingKind = 'category' | 'tag'

export async function postsFor(kind: ListingKind, name: string): Promise<PostListItem[]> {
  const posts = await getPostList()
  return posts.filter((post) => (kind === 'category' ? post.category === name : post.tags.includes(name)))
}

export function listingParams(kind: ListingKind): { name: string; count: number }[] {
  const posts = getPostMetas()
  return kind === 'category' ? categoriesOf(posts) : tagsOf(posts)
}

export function listingPageParams(kind: ListingKind): { name: string; n: string }[] {
  return listingParams(kind).flatMap(({ name, count }) =>
    Array.from({ length: Math.max(0, pageCount(count) - 1) }, (_, i) => ({ name, n: String(i + 2) })),
  )
}
