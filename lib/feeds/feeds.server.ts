import 'server-only'
import { getPost, getPostMetas, type Post } from '@/lib/content/posts.server'
import { env } from '@/lib/env'
import { siteConfig } from '@/lib/site/config'
import { absoluteUrl, paths } from '@/lib/site/urls'
import { articleHtmlForFeed, excerptHtmlForFeed } from './article-html'
import { cdata, escapeXml, publishedInstant } from './xml'

export const FEED_SIZE = 20

async function newestPosts(): Promise<Post[]> {
  const metas = getPostMetas().slice(0, FEED_SIZE)
  const posts = await Promise.all(metas.map((meta) => getPost(meta.slug)))
  return posts.filter((post): post is Post => post !== undefined)
}

export async function renderRss(): Promise<string> {
  const site = env.SITE_URL
  const posts = await newestPosts()
  const items = posts.map((post) => {
    const url = absoluteUrl(site, paths.article(post.slug))
    return [
      '<item>',
      `<title>${escapeXml(post.title)}</title>`,
      `<link>${escapeXml(url)}</link>`,
      `<guid isPermaLink="true">${escapeXml(url)}</guid>`,
      `<pubDate>${publishedInstant(post.date).toUTCString()}</pubDate>`,
      `<dc:creator>${escapeXml(siteConfig.author)}</dc:creator>`,
      `<category>${escapeXml(post.category)}</category>`,
      ...post.tags.map((tag) => `<category>${escapeXml(tag)}</category>`),
      `<description>${cdata(excerptHtmlForFeed(post, site))}</description>`,
      `<content:encoded>${cdata(articleHtmlForFeed(post, site))}</content:encoded>`,
      '</item>',
    ].join('')
  })
  const updated = posts[0] ? publishedInstant(posts[0].updated ?? posts[0].date) : new Date(0)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${escapeXml(siteConfig.name)}</title>`,
    `<link>${escapeXml(`${site}/`)}</link>`,
    `<description>${escapeXml(siteConfig.description)}</description>`,
    '<language>zh-CN</language>',
    `<atom:link href="${escapeXml(absoluteUrl(site, paths.feed()))}" rel="self" type="application/rss+xml"/>`,
    `<lastBuildDate>${updated.toUTCString()}</lastBuildDate>`,
    ...items,
    '</channel>',
    '</rss>',
  ].join('\n')
}

export async function renderAtom(): Promise<string> {
  const site = env.SITE_URL
  const posts = await newestPosts()
  const updated = posts[0] ? publishedInstant(posts[0].updated ?? posts[0].date) : new Date(0)
  const entries = posts.map((post) => {
    const url = absoluteUrl(site, paths.article(post.slug))
    return [
      '<entry>',
      `<title>${escapeXml(post.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      `<id>${escapeXml(url)}</id>`,
      `<published>${publishedInstant(post.date).toISOString()}</published>`,
      `<updated>${publishedInstant(post.updated ?? post.date).toISOString()}</updated>`,
      `<author><name>${escapeXml(siteConfig.author)}</name></author>`,
      `<category term="${escapeXml(post.category)}"/>`,
      ...post.tags.map((tag) => `<category term="${escapeXml(tag)}"/>`),
      `<summary type="html">${escapeXml(excerptHtmlForFeed(post, site))}</summary>`,
      `<content type="html">${escapeXml(articleHtmlForFeed(post, site))}</content>`,
      '</entry>',
    ].join('')
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `<title>${escapeXml(siteConfig.name)}</title>`,
    `<subtitle>${escapeXml(siteConfig.description)}</subtitle>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(`${site}/`)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(absoluteUrl(site, paths.atom()))}"/>`,
    `<id>${escapeXml(`${site}/`)}</id>`,
    `<updated>${updated.toISOString()}</updated>`,
    `<author><name>${escapeXml(siteConfig.author)}</name></author>`,
    ...entries,
    '</feed>',
  ].join('\n')
}
