import { SiteLink } from '@/app/_components/site-link'
import type { PostMeta } from '@/lib/content/posts.server'
import { paths } from '@/lib/site/urls'

function chineseDate(date: string): string {
  const [year, month, day] = date.split('-')
  return `${year}年${Number(month)}月${Number(day)}日`
}

export function ArticleHeader({ post }: { post: PostMeta }) {
  return (
    <header className="article-header">
      <h1 id="article-title">{post.title}</h1>
      <ul className="article-meta">
        <li>
          发表于 <time dateTime={post.date}>{chineseDate(post.date)}</time>
        </li>
        {post.updated ? (
          <li>
            更新于 <time dateTime={post.updated}>{chineseDate(post.updated)}</time>
          </li>
        ) : null}
        <li>
          分类：<SiteLink href={paths.category(post.category)}>{post.category}</SiteLink>
        </li>
        {post.tags.length > 0 ? (
          <li className="tags">
            标签：
            {post.tags.map((tag) => (
              <SiteLink key={tag} href={paths.tag(tag)} rel="tag">
                {tag}
              </SiteLink>
            ))}
          </li>
        ) : null}
      </ul>
    </header>
  )
}
