import Link from 'next/link'
import type { PostListItem } from '@/lib/content/posts.server'
import { paths } from '@/lib/site/urls'
import { DateBadge } from './date-badge'

/** The home page's entries: date badge, title, category, excerpt with its math, "read more". */
export function PostList({ posts }: { posts: readonly PostListItem[] }) {
  return (
    <ol className="post-list">
      {posts.map((post) => (
        <li key={post.slug} className="post-entry">
          <DateBadge date={post.date} />
          <article aria-labelledby={`title-${post.slug}`}>
            <h2 className="post-entry__title" id={`title-${post.slug}`}>
              <Link href={paths.article(post.slug)}>{post.title}</Link>
            </h2>
            <p className="post-entry__meta">
              分类：<Link href={paths.category(post.category)}>{post.category}</Link>
              {post.series ? (
                <>
                  {' · '}
                  <Link href={paths.series(post.series.name)}>
                    {post.series.name}（{post.series.part}）
                  </Link>
                </>
              ) : null}
            </p>
            <div className="post-entry__excerpt" dangerouslySetInnerHTML={{ __html: post.excerptHtml }} />
            <p className="post-entry__more">
              <Link href={paths.article(post.slug)} aria-label={`点击阅读全文：${post.title}`}>
                点击阅读全文...
              </Link>
            </p>
          </article>
        </li>
      ))}
    </ol>
  )
}
