import type { Metadata } from 'next'
import { siteConfig } from './config'

/**
 * Title, description, canonical URL and OpenGraph tags for a page, the same
 * way on every page. Relative URLs resolve against `metadataBase` (SITE_URL).
 */
export function pageMetadata(options: {
  title?: string
  description?: string
  path: string
  type?: 'website' | 'article'
  publishedTime?: string
  modifiedTime?: string
  tags?: string[]
}): Metadata {
  const description = options.description ?? siteConfig.description
  const title = options.title ?? siteConfig.name
  return {
    title: options.title ?? { absolute: `${siteConfig.name} - ${siteConfig.tagline}` },
    description,
    alternates: {
      canonical: options.path,
      types: { 'application/rss+xml': '/feed.xml', 'application/atom+xml': '/atom.xml' },
    },
    openGraph: {
      title,
      description,
      url: options.path,
      siteName: siteConfig.name,
      locale: 'zh_CN',
      type: options.type ?? 'website',
      ...(options.type === 'article'
        ? { publishedTime: options.publishedTime, modifiedTime: options.modifiedTime, authors: [siteConfig.author], tags: options.tags }
        : {}),
    },
  }
}

/** Plain-text description from an excerpt's HTML: no tags, no MathML, short. */
export function describeFromHtml(html: string, limit = 140): string {
  const text = html
    .replace(/<math[\s\S]*?<\/math>/g, '…')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
  return text.length > limit ? `${text.slice(0, limit)}…` : text
}

/** Route params of Chinese names arrive percent-encoded or not, depending on the path taken. */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
