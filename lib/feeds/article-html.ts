import 'server-only'
import type { Post } from '@/lib/content/posts.server'
import { absoluteUrl, paths } from '@/lib/site/urls'
import { renderMdxToHtml } from '@/lib/content/render/mdx-to-html'

/**
 * The full article as standalone HTML for feed readers: math stays MathML
 * (readers that support it typeset it), and every link and image is absolute
 * because a feed entry has no base URL of ours.
 */
export function articleHtmlForFeed(post: Post, siteUrl: string): string {
  const articleUrl = absoluteUrl(siteUrl, paths.article(post.slug))
  return renderMdxToHtml(post.code, post.math)
    .replace(/(href|src)="\/(?!\/)/g, (_, attribute: string) => `${attribute}="${siteUrl}/`)
    .replace(/href="#/g, `href="${articleUrl}#`)
    .replace(/<a class="heading-anchor"[^>]*>#<\/a>/g, '')
}
