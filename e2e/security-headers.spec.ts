import { expect, test, type Page } from '@playwright/test'
import { publishedPosts } from './support/content'

const posts = publishedPosts()
const post = posts.find((p) => p.series) ?? posts[0]!

/** Pages of every kind: prerendered, rendered per request, and the 404. */
const pages = [
  '/',
  '/archives',
  `/archives/${post.slug}`,
  `/category/${encodeURIComponent(post.category)}`,
  `/tag/${encodeURIComponent(post.tags[0]!)}`,
  ...(post.series ? [`/series/${encodeURIComponent(post.series)}`] : []),
  '/login',
  '/register',
  '/no-such-page',
]

/** Collects CSP violations the page reports, from the DOM event and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  await page.exposeFunction('__reportViolation', (text: string) => violations.push(text))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      ;(window as unknown as { __reportViolation: (t: string) => void }).__reportViolation(`${event.violatedDirective}: ${event.blockedURI}`)
    })
  })
  return violations
}

for (const path of pages) {
  test(`${path} sends the security headers and runs without CSP violations`, async ({ page }) => {
    const violations = await watchViolations(page)
    const response = await page.goto(path)
    const headers = response!.headers()
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(headers['permissions-policy']).toContain('camera=()')
    const csp = headers['content-security-policy']!
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    // Client components hydrated: the theme toggle reacts, which needs the scripts to have run.
    await page.getByRole('button', { name: /切换到(深色|浅色)模式/ }).click()
    await expect(page.locator('html')).toHaveAttribute('data-theme', /dark|light/)
    // Links prefetch and the session menu polls, so the network never idles; give
    // late scripts (prefetched route code) a moment to run and report.
    await page.waitForLoadState('load')
    await page.waitForTimeout(1000)
    expect(violations).toEqual([])
  })
}

test('a prerendered article allows its own inline scripts by hash, not by nonce', async ({ request }) => {
  const response = await request.get(`/archives/${post.slug}`)
  const csp = response.headers()['content-security-policy']!
  expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+/)
  expect(csp).not.toContain("'nonce-")
})

test('a page rendered per request gets a fresh nonce each time', async ({ request }) => {
  const first = (await request.get('/login')).headers()['content-security-policy']!
  const second = (await request.get('/login')).headers()['content-security-policy']!
  const nonce = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1]
  expect(nonce(first)).toBeTruthy()
  expect(nonce(first)).not.toBe(nonce(second))
})

test('an injected inline script is refused by the policy', async ({ page }) => {
  const violations = await watchViolations(page)
  await page.goto(`/archives/${post.slug}`)
  await page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.__injected = true'
    document.body.append(script)
  })
  await expect.poll(() => violations.length).toBeGreaterThan(0)
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined()
})
