import { SiteLink } from '@/app/_components/site-link'
import type { PostListItem } from '@/lib/content/posts.server'
import { paths } from '@/lib/site/urls'
import { preloadMathFonts } from '@/app/_components/preload-math-fonts'
import { DateBadge } from './date-badge'

/** The home page's entries: date badge, title, category, excerpt with its math, "read more". */
export function PostList({ posts }: { posts: readonly PostListItem[] }) {
  preloadMathFonts(posts.map((post) => post.excerptHtml))
  return (
    <ol className="post-list">
      {posts.map((post) => (
        <li key={post.slug} className="post-entry">
          <DateBadge date={post.date} />
          <article aria-labelledby={`title-${post.slug}`}>
            <h2 className="post-entry__title" id={`title-${post.slug}`}>
              <SiteLink href={paths.article(post.slug)}>{post.title}</SiteLink>
            </h2>
            <p className="post-entry__meta">
              分类：<SiteLink href={paths.category(post.category)}>{post.category}</SiteLink>
              {post.series ? (
                <>
                  {' · '}
                  <SiteLink href={paths.series(post.series.name)}>
                    {post.series.name}（{post.series.part}）
                  </SiteLink>
                </>
              ) : null}
            </p>
            <div className="post-entry__excerpt" dangerouslySetInnerHTML={{ __html: post.excerptHtml }} />
            <p className="post-entry__more">
              <SiteLink href={paths.article(post.slug)} aria-label={`点击阅读全文：${post.title}`}>
                点击阅读全文...
              </SiteLink>
            </p>
          </article>
        </li>
      ))}
    </ol>
  )
}
