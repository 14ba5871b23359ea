import { expect, test } from '@playwright/test'
import { publishedPosts } from './support/content'

const posts = publishedPosts()
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pages = Math.ceil(posts.length / 10)

test('the home page lists the ten newest articles with badge, category, excerpt and a read-more link', async ({ page }) => {
  await page.goto('/')
  const entries = page.locator('.post-entry')
  await expect(entries).toHaveCount(Math.min(10, posts.length))
  for (const [index, post] of posts.slice(0, 10).entries()) {
    const entry = entries.nth(index)
    const [, month, day] = post.date.split('-')
    await expect(entry.locator('.date-badge > [aria-hidden]')).toHaveText([String(Number(day)), MONTHS[Number(month) - 1]!])
    await expect(entry.getByRole('heading', { level: 2 })).toHaveText(post.title)
    await expect(entry.getByRole('link', { name: post.category })).toHaveAttribute('href', `/category/${encodeURIComponent(post.category)}`)
    await expect(entry.getByRole('link', { name: `点击阅读全文：${post.title}` })).toHaveAttribute('href', `/archives/${post.slug}`)
    await expect(entry.locator('.post-entry__excerpt')).not.toBeEmpty()
  }
  // Excerpts keep their math, rendered on the server.
  expect(await page.locator('.post-entry__excerpt math').count()).toBeGreaterThan(0)
})

test('pagination: /page/1 redirects home, the last page exists, past the end is a 404', async ({ page, request }) => {
  const first = await request.get('/page/1', { maxRedirects: 0 })
  expect([301, 308]).toContain(first.status())
  expect(first.headers()['location']).toBe('/')
  expect((await request.get(`/page/${pages + 1}`)).status()).toBe(404)
  expect((await request.get('/page/0')).status()).toBe(404)
  expect((await request.get('/page/abc')).status()).toBe(404)
  if (pages > 1) {
    await page.goto('/')
    await page.getByRole('navigation', { name: '分页' }).getByRole('link', { name: '下一页' }).click()
    await expect(page).toHaveURL(/\/page\/2$/)
    await expect(page.locator('.post-entry').first().getByRole('heading')).toHaveText(posts[10]!.title)
    await expect(page.getByRole('navigation', { name: '分页' }).locator('[aria-current="page"]')).toHaveText('2')
  }
})

test('the archive groups every article by year and month, newest first, with counts', async ({ page }) => {
  await page.goto('/archives')
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`共 ${posts.length} 篇`)
  const expected = new Map<string, number>()
  for (const post of posts) expected.set(post.date.slice(0, 7), (expected.get(post.date.slice(0, 7)) ?? 0) + 1)
  const months = await page.locator('.archive-month').evaluateAll((sections) =>
    sections.map((section) => ({ id: section.id, count: section.querySelectorAll('li').length, heading: section.querySelector('h3')?.textContent ?? '' })),
  )
  expect(months.map((m) => m.id)).toEqual([...expected.keys()])
  for (const month of months) {
    expect(month.count).toBe(expected.get(month.id))
    expect(month.heading).toContain(`（${expected.get(month.id)} 篇）`)
  }
  const years = [...new Set(posts.map((p) => p.date.slice(0, 4)))]
  await expect(page.locator('.archive-year > h2')).toHaveText(years.map((y) => new RegExp(`^${y} 年`)))
})

test('category, tag and series names round-trip through URL-encoded Chinese', async ({ page }) => {
  const post = posts.find((p) => p.series && p.tags.length > 0)!
  await page.goto(`/archives/${post.slug}`)
  await page.locator('.article-meta').getByRole('link', { name: post.category, exact: true }).click()
  await expect(page).toHaveURL(`/category/${encodeURIComponent(post.category)}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`分类：${post.category}`)
  await expect(page.locator('.post-entry')).toHaveCount(Math.min(10, posts.filter((p) => p.category === post.category).length))

  const tag = post.tags[0]!
  await page.goto(`/tag/${encodeURIComponent(tag)}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`标签：${tag}`)
  const tagged = posts.filter((p) => p.tags.includes(tag))
  await expect(page.locator('.post-entry h2')).toHaveText(tagged.slice(0, 10).map((p) => p.title))

  await page.goto(`/series/${encodeURIComponent(post.series!)}`)
  const parts = posts.filter((p) => p.series === post.series).sort((a, b) => a.seriesPart! - b.seriesPart!)
  await expect(page.locator('.post-entry h2')).toHaveText(parts.map((p) => p.title))
})

test('an article shows its series box, table of contents, neighbours, related articles and JSON-LD', async ({ page }) => {
  const post = posts.find((p) => p.series)!
  const parts = posts.filter((p) => p.series === post.series)
  await page.goto(`/archives/${post.slug}`)
  const series = page.getByRole('navigation', { name: new RegExp(`系列：${post.series}`) })
  await expect(series).toContainText(`第 ${post.seriesPart} 篇，共 ${parts.length} 篇`)
  await expect(series.getByRole('listitem')).toHaveCount(parts.length)
  await expect(page.getByRole('navigation', { name: '文章目录' }).getByRole('link').first()).toBeVisible()
  const related = page.getByRole('region', { name: '相关文章' }).getByRole('listitem')
  expect(await related.count()).toBeGreaterThanOrEqual(3)
  expect(await related.count()).toBeLessThanOrEqual(5)
  await expect(page.getByRole('navigation', { name: '相邻文章' })).toBeVisible()

  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!)
  expect(jsonLd).toMatchObject({ '@type': 'BlogPosting', headline: post.title, datePublished: post.date })
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`/archives/${post.slug}$`))
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', post.title)
})

test('the citation block matches the article and copies each format', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const post = posts[0]!
  await page.goto(`/archives/${post.slug}`)
  const origin = new URL(page.url()).origin
  const url = `${origin}/archives/${post.slug}`
  const [year, month, day] = post.date.split('-')
  const monthName = MONTHS[Number(month) - 1]!
  const plain = `林析. (${monthName === 'May' ? 'May' : `${monthName}.`} ${Number(day)}, ${year}). 《${post.title}》[Blog post]. Retrieved from ${url}`
  await expect(page.locator('pre[data-citation="plain"]')).toHaveText(plain)
  const bibtex = page.locator('pre[data-citation="bibtex"]')
  await expect(bibtex).toContainText(`@online{gewuzhi-${post.slug},`)
  await expect(bibtex).toContainText(`year={${year}},`)
  await expect(bibtex).toContainText(`month={${monthName}},`)
  await expect(bibtex).toContainText(`url={\\url{${url}}},`)
  const today = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  const cited = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`
  await expect(page.locator('pre[data-citation="gbt"]')).toHaveText(`林析. ${post.title}[EB/OL]. (${post.date})[${cited}]. ${url}.`)

  await page.getByRole('button', { name: '复制BibTeX引用' }).click()
  await expect(page.getByRole('button', { name: '复制BibTeX引用' })).toHaveText('已复制')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await bibtex.textContent())
})

test('the 404 page is a real 404 with search and archive links', async ({ page }) => {
  const response = await page.goto('/no/such/page')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有找到这个页面')
  await expect(page.getByRole('main').getByRole('search').getByRole('searchbox')).toBeVisible()
  await expect(page.getByRole('link', { name: /浏览全部文章归档/ })).toHaveAttribute('href', '/archives')
})

for (const path of ['/', '/archives', '/__article__']) {
  test(`no sideways scrolling at 360px on ${path}`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 })
    // The article with the widest formulas: the longest source line inside $$.
    const widest = posts.reduce((best, p) => (p.source.length > best.source.length ? p : best))
    await page.goto(path === '/__article__' ? `/archives/${widest.slug}` : path)
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }))
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth)
  })
}

test('dark mode follows the system and the toggle choice persists', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto('/')
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(await background()).toBe('rgb(21, 23, 27)')
  await page.getByRole('button', { name: '切换到浅色模式' }).click()
  expect(await background()).toBe('rgb(251, 250, 247)')
  await page.reload()
  expect(await background()).toBe('rgb(251, 250, 247)')
  await expect(page.getByRole('button', { name: '切换到深色模式' })).toBeVisible()
})

test('site links navigate inside the page; files, new-tab clicks and same-page anchors are left to the browser', async ({ page, context }) => {
  type Marked = typeof window & { sameDocument?: boolean }
  const mark = () => page.evaluate(() => ((window as Marked).sameDocument = true))
  const stillSameDocument = () => page.evaluate(() => (window as Marked).sameDocument === true)

  await page.goto('/')
  await mark()
  await page.locator('.site-nav').getByRole('link', { name: '归档' }).click()
  await expect(page).toHaveURL('/archives')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(await stillSameDocument()).toBe(true)

  // A table-of-contents entry only moves within the article.
  const post = posts.find((p) => /^## /m.test(p.source))!
  await page.goto(`/archives/${post.slug}`)
  await mark()
  await page.locator('nav[aria-label="文章目录"] a').first().click()
  await expect(page).toHaveURL(/#/)
  expect(await stillSameDocument()).toBe(true)

  // Ctrl-click opens a new tab and leaves this page where it was.
  const opened = context.waitForEvent('page')
  await page.locator('.site-nav').getByRole('link', { name: '归档' }).click({ modifiers: ['Control'] })
  await (await opened).close()
  expect(new URL(page.url()).pathname).toBe(`/archives/${encodeURIComponent(post.slug)}`)

  // The feed is a file, not a page: the browser loads it as a new document.
  await page.locator('.site-footer').getByRole('link', { name: 'RSS' }).click()
  await expect(page).toHaveURL('/feed.xml')
  expect(await stillSameDocument()).toBe(false)
})
