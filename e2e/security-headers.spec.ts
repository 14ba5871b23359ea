import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type APIResponse, type Page } from '@playwright/test'
import { publishedPosts } from './support/content'
import { pageSettled } from './support/fixtures'

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

/** The policy that governs the page's scripts: its <meta> (prerendered) or a nonce header (rendered per request). */
async function pagePolicy(response: APIResponse | import('@playwright/test').Response): Promise<string> {
  const header = response.headers()['content-security-policy'] ?? ''
  const nonced = header.split(',').find((policy) => policy.includes("'nonce-"))
  if (nonced) return nonced
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(await response.text())?.[1]
  return meta ?? ''
}

for (const url of pages) {
  test(`${url} sends the security headers and runs without CSP violations`, async ({ page }) => {
    const violations = await watchViolations(page)
    const response = await page.goto(url)
    const headers = response!.headers()
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(headers['permissions-policy']).toContain('camera=()')
    const base = headers['content-security-policy']!
    expect(base).toContain("frame-ancestors 'none'")
    expect(base).toContain("object-src 'none'")
    // The page's own script policy: hashes or a nonce, never inline code in general.
    const own = await pagePolicy(response!)
    expect(own).toMatch(/script-src 'self' ('sha256-[A-Za-z0-9+/=]+' ?)+|'nonce-/)
    // Inline code never; inline style attributes only (KaTeX lays out formulas with them).
    const directives = own.split(';').map((directive) => directive.trim())
    expect(directives.filter((directive) => directive.includes('unsafe-inline'))).toEqual(
      directives.some((directive) => directive.startsWith('style-src-attr')) ? ["style-src-attr 'unsafe-inline'"] : [],
    )
    expect(own).not.toContain('unsafe-eval')
    // Client components hydrated: the theme toggle reacts, which needs the scripts to have run.
    await page.getByRole('button', { name: /切换到(深色|浅色)模式/ }).click()
    await expect(page.locator('html')).toHaveAttribute('data-theme', /dark|light/)
    // Late scripts (prefetched route code) must have run and reported.
    await pageSettled(page)
    expect(violations).toEqual([])
  })
}

test('a prerendered article allows its own inline scripts by hash, in a policy at the top of <head>', async ({ request }) => {
  const response = await request.get(`/archives/${post.slug}`)
  const html = await response.text()
  expect(html).toMatch(/<head><meta http-equiv="Content-Security-Policy" content="script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+; /)
  expect(response.headers()['content-security-policy']).not.toContain("'nonce-")
})

test('a page rendered per request gets a fresh nonce each time', async ({ request }) => {
  const first = await pagePolicy(await request.get('/login'))
  const second = await pagePolicy(await request.get('/login'))
  const nonce = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1]
  expect(nonce(first)).toBeTruthy()
  expect(nonce(first)).not.toBe(nonce(second))
})

test('every page route is either prerendered with its policy or covered by the proxy', async ({ request }) => {
  const routes = JSON.parse(fs.readFileSync(path.join('.next', 'app-path-routes-manifest.json'), 'utf8')) as Record<string, string>
  const prerender = JSON.parse(fs.readFileSync(path.join('.next', 'prerender-manifest.json'), 'utf8')) as {
    routes: Record<string, unknown>
    dynamicRoutes: Record<string, unknown>
  }
  const prerendered = Object.keys(prerender.routes)
  const pageRoutes = Object.entries(routes)
    .filter(([file]) => file.endsWith('/page'))
    .map(([, route]) => route)
    .filter((route) => !route.startsWith('/_'))
  expect(pageRoutes.length).toBeGreaterThan(10)
  for (const route of pageRoutes) {
    // A concrete URL: a prerendered instance of a dynamic route, or the route with "1" for each parameter.
    const pattern = new RegExp(`^${route.replace(/\[[^\]]+\]/g, '[^/]+')}$`)
    const url = route.includes('[') ? (prerendered.find((p) => pattern.test(p)) ?? route.replace(/\[[^\]]+\]/g, '1')) : route
    const policy = await pagePolicy(await request.get(encodeURI(url)))
    expect(policy, `${route} (${url}) has no page policy`).toMatch(/'sha256-|'nonce-/)
  }
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

/** Every image kept next to an article, as the site serves it. */
const postAssets = fs
  .readdirSync(path.join('content', 'posts'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((folder) =>
    fs.readdirSync(path.join('content', 'posts', folder.name)).filter((file) => /\.(svg|png|jpe?g|gif|webp|avif)$/i.test(file)).map((file) => `/archives/${folder.name}/${file}`),
  )
const svgAsset = postAssets.find((asset) => asset.endsWith('.svg'))!
const SANDBOX_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

test('article images are sent with the sandbox policy and no other', async ({ request }) => {
  expect(postAssets.length).toBeGreaterThan(0)
  for (const asset of postAssets) {
    const response = await request.get(asset)
    expect(response.status(), asset).toBe(200)
    // One header: two policies would arrive joined by a comma.
    expect(response.headers()['content-security-policy'], asset).toBe(SANDBOX_POLICY)
    expect(response.headers()['x-content-type-options'], asset).toBe('nosniff')
  }
})

test('a script inside an article SVG does not run when the file is opened directly', async ({ page }) => {
  const messages: string[] = []
  page.on('console', (message) => messages.push(message.text()))
  const scripted = (label: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><script>console.log('svg script ran: ${label}')</script><rect width="20" height="20"/></svg>`
  // The site's own response, headers and all, with a script in the body: what an editor's SVG could carry.
  await page.route((url) => url.pathname === svgAsset && url.search === '', async (route) => route.fulfill({ response: await route.fetch(), body: scripted('site') }))
  // The same file under the base policy alone, to show the probe would notice a script that runs.
  await page.route((url) => url.pathname === svgAsset && url.search === '?control', (route) =>
    route.fulfill({ body: scripted('control'), headers: { 'content-type': 'image/svg+xml', 'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'" } }),
  )
  await page.goto(`${svgAsset}?control`)
  await expect.poll(() => messages).toContain('svg script ran: control')
  // Scripts in an SVG document run while it is parsed, before `load`, which goto waits for.
  await page.goto(svgAsset)
  await expect.poll(() => messages.some((message) => message.includes('Blocked script execution'))).toBe(true)
  expect(messages).not.toContain('svg script ran: site')
})
