import 'server-only'
import type { Post } from '@/lib/content/posts.server'
import { withMathmlFormulas } from '@/lib/math/mathml-html'
import { absoluteUrl, paths } from '@/lib/site/urls'

/**
 * The full article as standalone HTML for feed readers: formulas become their
 * MathML (readers that support it typeset it; KaTeX's HTML needs our CSS and
 * fonts), and every link and image is absolute because a feed entry has no
 * base URL of ours.
 */
export function articleHtmlForFeed(post: Post, siteUrl: string): string {
  const articleUrl = absoluteUrl(siteUrl, paths.article(post.slug))
  return absolutize(withMathmlFormulas(post.html), siteUrl, articleUrl).replace(
    /<a class="heading-anchor"[^>]*>#<\/a>/g,
    '',
  )
}

/** An excerpt for a feed: the same HTML with each formula as MathML, links absolute. */
export function excerptHtmlForFeed(post: Post, siteUrl: string): string {
  return absolutize(withMathmlFormulas(post.excerptHtml), siteUrl, absoluteUrl(siteUrl, paths.article(post.slug)))
}

function absolutize(html: string, siteUrl: string, articleUrl: string): string {
  return html.replace(/(href|src)="\/(?!\/)/g, (_, attribute: string) => `${attribute}="${siteUrl}/`).replace(/href="#/g, `href="${articleUrl}#`)
}
