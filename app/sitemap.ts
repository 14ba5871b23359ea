import type { MetadataRoute } from 'next'
import { getPostMetas } from '@/lib/content/posts.server'
import { categoriesOf, pageCount, seriesOf, tagsOf } from '@/lib/content/taxonomy'
import { env } from '@/lib/env'
import { absoluteUrl, paths } from '@/lib/site/urls'

export default function sitemap(): MetadataRoute.Sitemap {
  const posts = getPostMetas()
  const url = (path: string) => absoluteUrl(env.SITE_URL, path)
  const newest = posts[0]?.updated ?? posts[0]?.date
  return [
    { url: url(paths.home()), lastModified: newest, changeFrequency: 'weekly', priority: 1 },
    ...Array.from({ length: pageCount(posts.length) - 1 }, (_, i) => ({ url: url(paths.page(i + 2)), changeFrequency: 'weekly' as const })),
    { url: url(paths.archive()), lastModified: newest, changeFrequency: 'weekly' },
    ...posts.map((post) => ({ url: url(paths.article(post.slug)), lastModified: post.updated ?? post.date, changeFrequency: 'monthly' as const, priority: 0.8 })),
    ...categoriesOf(posts).map((c) => ({ url: url(paths.category(c.name)) })),
    ...tagsOf(posts).map((t) => ({ url: url(paths.tag(t.name)) })),
    ...seriesOf(posts).map((s) => ({ url: url(paths.series(s.name)) })),
  ]
}
