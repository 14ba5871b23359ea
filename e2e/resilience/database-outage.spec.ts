import { expect, test } from '@playwright/test'
import type { AppServer } from '../support/app-server'
import { publishedPosts } from '../support/content'
import { startThrowawaySite, type ThrowawaySite } from '../support/throwaway-site'
import { testUsers } from '../support/users'

/**
 * A database that restarts at night: PostgreSQL (a throwaway cluster of this
 * test's own) is stopped while readers load pages, then started again. Static
 * pages must not notice, dynamic parts must say what is wrong, and everything
 * must recover without restarting the app.
 */
test.describe.configure({ mode: 'serial' })

let site: ThrowawaySite
let pg: ThrowawaySite['pg']
let app: AppServer
const article = publishedPosts()[0]!

test.beforeAll(async () => {
  site = await startThrowawaySite(0)
  ;({ pg, app } = site)
})

test.afterAll(async () => {
  await site?.dispose()
})

async function signIn(page: import('@playwright/test').Page, url: string) {
  await page.goto(`${url}/login`)
  await page.getByLabel('邮箱').fill(testUsers.member.email)
  await page.getByLabel('密码').fill(testUsers.member.password)
  await page.getByRole('button', { name: '登录' }).click()
}

test('stopping PostgreSQL under reader load: static pages keep serving, errors are clear, and everything recovers', async ({ browser }) => {
  const health = async () => (await fetch(`${app.url}/api/health`)).status
  expect(await health()).toBe(200)

  // A member signed in before the outage: their session cookie makes /account ask the database.
  const before = await browser.newPage()
  await signIn(before, app.url)
  await expect(before.getByRole('navigation', { name: '账户' })).toContainText(testUsers.member.name)
  const cookie = (await before.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ')

  // Readers keep loading static pages for the whole test.
  const readerPaths = ['/', '/archives', `/archives/${article.slug}`]
  const statuses: number[] = []
  let reading = true
  const readers = Array.from({ length: 8 }, async (_, i) => {
    while (reading) {
      const response = await fetch(`${app.url}${readerPaths[i % readerPaths.length]}`).catch(() => null)
      statuses.push(response?.status ?? 0)
      await response?.arrayBuffer().catch(() => undefined)
    }
  })

  try {
    await pg.stop()
    await expect.poll(health, { timeout: 15_000 }).toBe(503)

    // A form that needs the database says so and keeps what was typed.
    const guest = await browser.newPage()
    await signIn(guest, app.url)
    await expect(guest.getByRole('alert').filter({ hasText: '数据库暂时不可用，请稍后再试' })).toBeVisible()
    await expect(guest.getByLabel('邮箱')).toHaveValue(testUsers.member.email)

    // A page that needs the database fails with an error page, and the failure is
    // one JSON log line carrying the request id the browser got back.
    const failed = await fetch(`${app.url}/account`, { headers: { cookie } })
    expect(failed.status).toBe(500)
    const requestId = failed.headers.get('x-request-id')
    expect(requestId).toMatch(/^[0-9a-f]{16}$/)
    await expect
      .poll(() =>
        app
          .output()
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .find((entry) => entry.requestId === requestId),
      )
      .toMatchObject({ level: 'error', message: 'request failed', method: 'GET', path: '/account' })

    // Static pages never noticed.
    for (const path of readerPaths) expect((await fetch(`${app.url}${path}`)).status).toBe(200)

    // The article renders; its comment section says the comments cannot load, and offers a retry.
    const reader = await browser.newPage()
    await reader.goto(`${app.url}/archives/${article.slug}#comments`)
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText(article.title)
    const comments = reader.locator('section#comments')
    await expect(comments.getByRole('alert')).toContainText('评论暂时无法加载')
    const api = await fetch(`${app.url}/api/comments?post=${article.slug}`)
    expect(api.status).toBe(503)
    expect(await api.json()).toEqual({ error: '评论暂时无法加载' })

    await pg.start()
    await expect.poll(health, { timeout: 30_000 }).toBe(200)

    // Recovered without restarting the app: the comments load on retry, the member's page and a new sign-in work again.
    await comments.getByRole('button', { name: '重试' }).click()
    await expect(comments.getByText(/^(共 \d+ 条评论|还没有评论)$/)).toBeVisible()
    expect((await fetch(`${app.url}/account`, { headers: { cookie } })).status).toBe(200)
    const member = await browser.newPage()
    await signIn(member, app.url)
    await expect(member.getByRole('navigation', { name: '账户' })).toContainText(testUsers.member.name)
  } finally {
    reading = false
    await Promise.all(readers)
  }
  expect(statuses.length).toBeGreaterThan(50)
  expect(statuses.filter((status) => status !== 200)).toEqual([])
})
