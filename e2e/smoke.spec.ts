import type { Page } from '@playwright/test'
import { publishedPosts } from './support/content'
import { accountMenu, expect, test } from './support/fixtures'

/**
 * One visit to each page type, tagged `@smoke`: what `npm run test:quick` runs
 * from the end-to-end suite. Each page must answer with its status, show what
 * defines it, and raise no script error; the specs named in each test check
 * the details.
 */

const posts = publishedPosts()
const post = posts.find((p) => p.series && p.tags.length > 0)!
const smoke = { tag: '@smoke' }

/** Opens `path`, expecting `status`, and fails the test on any uncaught script error. */
async function visit(page: Page, path: string, status = 200): Promise<void> {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  const response = await page.goto(path)
  expect(response?.status(), path).toBe(status)
  // Leave time for hydration: script errors surface there.
  await page.waitForLoadState('load')
  expect(errors, `script errors on ${path}`).toEqual([])
}

test('home: the newest article first, with a read-more link (reader-site.spec.ts)', smoke, async ({ page }) => {
  await visit(page, '/')
  await expect(page.locator('.post-entry').first().getByRole('heading', { level: 2 })).toHaveText(posts[0]!.title)
  await expect(page.locator('.post-entry').first().getByRole('link', { name: /阅读全文/ })).toBeVisible()
})

test('article: numbered equations, table of contents, citation, comments (article.spec.ts, comments.spec.ts)', smoke, async ({ page }) => {
  await visit(page, `/archives/${post.slug}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(post.title)
  await expect(page.locator('article .eqn-number').first()).toHaveText('(1)')
  await expect(page.getByRole('navigation', { name: '文章目录' })).toBeAttached()
  await expect(page.locator('pre[data-citation="bibtex"]')).toContainText(`@online{gewuzhi-${post.slug},`)
  await expect(page.locator('#comments')).toBeAttached()
})

test('archive, category, tag and series listings (reader-site.spec.ts)', smoke, async ({ page }) => {
  await visit(page, '/archives')
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`共 ${posts.length} 篇`)
  await visit(page, `/category/${encodeURIComponent(post.category)}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`分类：${post.category}`)
  await visit(page, `/tag/${encodeURIComponent(post.tags[0]!)}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`标签：${post.tags[0]!}`)
  await visit(page, `/series/${encodeURIComponent(post.series!)}`)
  await expect(page.locator('.post-entry h2').first()).toBeVisible()
})

test('search finds an article by a Chinese word of its title (search.spec.ts)', smoke, async ({ page }) => {
  await visit(page, `/search?q=${encodeURIComponent(post.title.slice(0, 2))}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('搜索')
  await expect(page.getByRole('link', { name: post.title }).first()).toBeVisible()
})

test('feeds: RSS and Atom answer with the newest article (feeds.spec.ts)', smoke, async ({ request }) => {
  for (const path of ['/feed.xml', '/atom.xml']) {
    const response = await request.get(path)
    expect(response.status(), path).toBe(200)
    expect(await response.text()).toContain(posts[0]!.title)
  }
})

test('account pages: login, registration, forgotten password (accounts.spec.ts, email.spec.ts)', smoke, async ({ page }) => {
  await visit(page, '/login')
  await expect(page.getByRole('form', { name: '登录' })).toBeVisible()
  await visit(page, '/register')
  await expect(page.getByRole('button', { name: '注册' })).toBeVisible()
  await visit(page, '/forgot-password')
  await expect(page.getByLabel('邮箱')).toBeVisible()
})

test('feedback form (feedback-admin.spec.ts)', smoke, async ({ page }) => {
  await visit(page, '/feedback')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('留言')
})

test('a signed-in editor: account page and the admin overview (feedback-admin.spec.ts)', smoke, async ({ signedInAs }) => {
  const page = await signedInAs('editor')
  await visit(page, '/account')
  await expect(accountMenu(page).getByText('测试编辑')).toBeVisible()
  await visit(page, '/admin')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('概览')
})

test('an unknown page is a 404 with the site around it', smoke, async ({ page }) => {
  await visit(page, '/no-such-page', 404)
  await expect(page.getByRole('navigation').first()).toBeVisible()
})
