import 'server-only'
import { getCategories, getPostList, getTags, type PostListItem } from './posts.server'
import { pageCount } from './taxonomy'

/** The article lists behind category and tag pages, and the pages to prerender. */
export type ListingKind = 'category' | 'tag'

export function postsFor(kind: ListingKind, name: string): PostListItem[] {
  const posts = getPostList()
  return posts.filter((post) => (kind === 'category' ? post.category === name : post.tags.includes(name)))
}

export function listingParams(kind: ListingKind): { name: string; count: number }[] {
  return kind === 'category' ? getCategories() : getTags()
}

export function listingPageParams(kind: ListingKind): { name: string; n: string }[] {
  return listingParams(kind).flatMap(({ name, count }) =>
    Array.from({ length: Math.max(0, pageCount(count) - 1) }, (_, i) => ({ name, n: String(i + 2) })),
  )
}
