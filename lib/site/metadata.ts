import type { Element, Root, RootContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
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
  // Formulas read as their TeX; KaTeX's drawn copy (aria-hidden) is skipped.
  const parts: string[] = []
  const walk = (node: Root | RootContent) => {
    if (node.type === 'text') parts.push(node.value)
    if (node.type !== 'element' && node.type !== 'root') return
    if (node.type === 'element') {
      if (String(node.properties.ariaHidden) === 'true') return
      if (node.tagName === 'annotation') {
        parts.push(`$${textOf(node).trim()}$`)
        return
      }
      if (node.tagName === 'math') {
        const annotation = findAnnotation(node)
        if (annotation) walk(annotation)
        return
      }
    }
    for (const child of node.children) walk(child)
  }
  walk(fromHtml(html, { fragment: true }))
  const text = parts.join('').replace(/\s+/g, ' ').trim()
  return text.length > limit ? `${text.slice(0, limit)}…` : text
}

function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('')
}

function findAnnotation(node: Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (child.tagName === 'annotation') return child
    const found = findAnnotation(child)
    if (found) return found
  }
  return undefined
}

/** Route params of Chinese names arrive percent-encoded or not, depending on the path taken. */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
