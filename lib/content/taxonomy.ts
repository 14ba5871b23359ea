import type { PostMeta } from './posts.server'

/**
 * Groupings readers browse by: categories, tags, series, months. Pure functions
 * of the article list, so pages and the side column compute the same counts.
 */

export interface NamedCount {
  name: string
  count: number
}

function countBy(posts: readonly PostMeta[], keys: (post: PostMeta) => string[]): NamedCount[] {
  const counts = new Map<string, number>()
  for (const post of posts) for (const key of keys(post)) counts.set(key, (counts.get(key) ?? 0) + 1)
  return [...counts].map(([name, count]) => ({ name, count }))
}

/** Categories, most articles first. */
export function categoriesOf(posts: readonly PostMeta[]): NamedCount[] {
  return countBy(posts, (p) => [p.category]).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'))
}

/** Tags, most used first. */
export function tagsOf(posts: readonly PostMeta[]): NamedCount[] {
  return countBy(posts, (p) => p.tags).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'))
}

export interface Series {
  name: string
  /** Parts in order. */
  parts: PostMeta[]
}

export function seriesOf(posts: readonly PostMeta[]): Series[] {
  const byName = new Map<string, PostMeta[]>()
  for (const post of posts) {
    if (!post.series) continue
    byName.set(post.series.name, [...(byName.get(post.series.name) ?? []), post])
  }
  return [...byName]
    .map(([name, parts]) => ({ name, parts: parts.sort((a, b) => a.series!.part - b.series!.part || (a.date < b.date ? -1 : 1)) }))
    .sort((a, b) => (a.parts[0]!.date < b.parts[0]!.date ? 1 : -1))
}

export interface ArchiveMonth {
  year: string
  /** Two digits, "01"–"12". */
  month: string
  posts: PostMeta[]
}

export interface ArchiveYear {
  year: string
  count: number
  months: ArchiveMonth[]
}

/** Years, then months, newest first; posts inside a month newest first. */
export function archiveOf(posts: readonly PostMeta[]): ArchiveYear[] {
  const years = new Map<string, Map<string, PostMeta[]>>()
  for (const post of [...posts].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1))) {
    const [year = '', month = ''] = post.date.split('-')
    const months = years.get(year) ?? new Map<string, PostMeta[]>()
    months.set(month, [...(months.get(month) ?? []), post])
    years.set(year, months)
  }
  return [...years]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([year, months]) => {
      const list = [...months].sort(([a], [b]) => (a < b ? 1 : -1)).map(([month, monthPosts]) => ({ year, month, posts: monthPosts }))
      return { year, count: list.reduce((sum, m) => sum + m.posts.length, 0), months: list }
    })
}

/** Chronological neighbours: `previous` is older, `next` is newer. */
export function neighboursOf(posts: readonly PostMeta[], slug: string): { previous?: PostMeta; next?: PostMeta } {
  const index = posts.findIndex((p) => p.slug === slug)
  if (index === -1) return {}
  // `posts` is newest first.
  return { next: posts[index - 1], previous: posts[index + 1] }
}

/**
 * Articles sharing the most tags (and, less, the category), nearest in time on
 * ties; at most `limit`, at least 3 when the site has enough articles.
 */
export function relatedTo(posts: readonly PostMeta[], post: PostMeta, limit = 5): PostMeta[] {
  const time = (p: PostMeta) => new Date(p.date).getTime()
  const scored = posts
    .filter((p) => p.slug !== post.slug)
    .map((p) => ({
      post: p,
      score: p.tags.filter((t) => post.tags.includes(t)).length * 2 + (p.category === post.category ? 1 : 0) + (p.series && p.series.name === post.series?.name ? 1 : 0),
      distance: Math.abs(time(p) - time(post)),
    }))
    .sort((a, b) => b.score - a.score || a.distance - b.distance)
  const related = scored.filter((s) => s.score > 0).slice(0, limit)
  // Fill up to three with the nearest articles in time, so the block is never thin.
  for (const candidate of scored) {
    if (related.length >= Math.min(3, limit)) break
    if (!related.includes(candidate)) related.push(candidate)
  }
  return related.map((s) => s.post)
}

export const PAGE_SIZE = 10

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize))
}

export function pageOf<T>(items: readonly T[], page: number, pageSize = PAGE_SIZE): T[] {
  return items.slice((page - 1) * pageSize, page * pageSize)
}
