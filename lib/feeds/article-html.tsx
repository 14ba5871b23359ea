import 'server-only'
import { renderToStaticMarkup } from 'react-dom/server'
import { ArticleBody } from '@/app/_components/article/article-body'
import type { Post } from '@/lib/content/posts.server'
import { absoluteUrl, paths } from '@/lib/site/urls'

/**
 * The full article as standalone HTML for feed readers: math stays MathML
 * (readers that support it typeset it), and every link and image is absolute
 * because a feed entry has no base URL of ours.
 */
export function articleHtmlForFeed(post: Post, siteUrl: string): string {
  const html = renderToStaticMarkup(<ArticleBody code={post.code} math={post.math} />)
  const articleUrl = absoluteUrl(siteUrl, paths.article(post.slug))
  return html
    .replace(/(href|src)="\/(?!\/)/g, (_, attribute: string) => `${attribute}="${siteUrl}/`)
    .replace(/href="#/g, `href="${articleUrl}#`)
    .replace(/<a class="heading-anchor"[^>]*>#<\/a>/g, '')
}
