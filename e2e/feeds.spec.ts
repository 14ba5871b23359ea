import { expect, test } from '@playwright/test'
import Parser from 'rss-parser'
import { publishedPosts } from './support/content'

const posts = publishedPosts()
const parser = new Parser()

test('the RSS feed has the 20 newest articles with full content and math as MathML', async ({ request, baseURL }) => {
  const response = await request.get('/feed.xml')
  expect(response.headers()['content-type']).toContain('application/rss+xml')
  const feed = await parser.parseString(await response.text())
  const expected = posts.slice(0, 20)
  expect(feed.items.map((item) => item.title)).toEqual(expected.map((p) => p.title))
  for (const [index, item] of feed.items.entries()) {
    const post = expected[index]!
    expect(item.link).toBe(`${baseURL}/archives/${post.slug}`)
    const content = item['content:encoded'] as string
    // Full content, not an excerpt: at least a quarter of the source's length.
    expect(content.length).toBeGreaterThan(post.source.length / 4)
    if (/\$/.test(post.source.replace(/^---[\s\S]*?---/, ''))) expect(content).toContain('<math')
    // Links inside the content are absolute: a feed reader has no base URL of ours.
    expect(content).not.toMatch(/(href|src)="\/(?!\/)/)
  }
})

test('the Atom feed parses and matches the RSS feed', async ({ request }) => {
  const response = await request.get('/atom.xml')
  expect(response.headers()['content-type']).toContain('application/atom+xml')
  const feed = await parser.parseString(await response.text())
  expect(feed.items.map((item) => item.title)).toEqual(posts.slice(0, 20).map((p) => p.title))
  expect(feed.items.some((item) => (item.content ?? '').includes('<math'))).toBe(true)
})

test('the sitemap lists every article, and robots.txt points at it', async ({ request, baseURL }) => {
  const sitemap = await (await request.get('/sitemap.xml')).text()
  for (const post of posts) expect(sitemap).toContain(`<loc>${baseURL}/archives/${post.slug}</loc>`)
  const robots = await (await request.get('/robots.txt')).text()
  expect(robots).toContain(`Sitemap: ${baseURL}/sitemap.xml`)
})
