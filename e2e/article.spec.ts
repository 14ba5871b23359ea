import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { publishedPosts } from './support/content'

const posts = publishedPosts()
const withEquations = posts.filter((post) => /\\(eq)?ref\{/.test(post.source))

test('every article is prerendered at build time', async ({ request }) => {
  for (const post of posts) {
    const file = path.join(process.cwd(), '.next', 'server', 'app', 'archives', `${post.slug}.html`)
    expect(fs.existsSync(file), `${file} should exist`).toBe(true)
    const response = await request.get(`/archives/${post.slug}`)
    expect(response.status()).toBe(200)
    const html = await response.text()
    // The body is in the HTML itself, not produced by JavaScript in the browser.
    expect(html).toContain(`<h1 id="article-title">${post.title.replace(/&/g, '&amp;')}</h1>`)
  }
})

test('the body ships once, as HTML, and not again inside the RSC payload', async ({ request }) => {
  for (const post of posts) {
    const html = await (await request.get(`/archives/${post.slug}`)).text()
    const scriptPattern = /<script\b[^>]*>([\s\S]*?)<\/script>/g
    const scripts = [...html.matchAll(scriptPattern)].map((match) => match[1]).join('\n')
    const markup = html.replace(scriptPattern, '')
    expect(markup, `${post.slug}: the body's paragraphs in the HTML`).toMatch(/data-body-of="[^"]+">[\s\S]*<p>/)
    expect(scripts, `${post.slug}: the payload places the body's shell`).toContain('PrerenderedBody')
    // Every article has paragraphs; their markup must not be in the payload.
    expect(scripts, `${post.slug}: paragraphs in the payload`).not.toMatch(/\\u003cp\b|<p>/)
    const rsc = await (await request.get(`/archives/${post.slug}`, { headers: { RSC: '1' } })).text()
    expect(rsc, `${post.slug}: paragraphs in the .rsc payload`).not.toMatch(/<p>/)
  }
})

test('an article opened by client-side navigation shows its whole body', async ({ page }) => {
  // The newest article, which the home page lists.
  const post = posts[0]!
  await page.goto(`/archives/${post.slug}`)
  const direct = await page.locator('article .prose').innerHTML()
  await page.goto('/')
  await page.evaluate(() => ((window as typeof window & { sameDocument?: boolean }).sameDocument = true))
  await page.locator(`a[href="/archives/${encodeURIComponent(post.slug)}"]`).first().click()
  await expect(page).toHaveURL(new RegExp(`/archives/${post.slug}$`))
  // The body arrives after the page: wait for its content, not the loading line.
  await expect(page.locator('article .prose > :not(.body-loading)').first()).toBeVisible()
  // Still the same document: the router navigated, the browser did not reload.
  expect(await page.evaluate(() => (window as typeof window & { sameDocument?: boolean }).sameDocument)).toBe(true)
  expect(await page.locator('article .prose').innerHTML()).toBe(direct)
})

test('on a phone, formulas wider than the screen can be scrolled by keyboard, after client-side navigation too', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 })
  const overflowing = () =>
    page.locator('article .math-display').evaluateAll((boxes) =>
      boxes.filter((box) => box.scrollWidth > box.clientWidth + 1).map((box) => box.getAttribute('tabindex')),
    )
  const post = withEquations[0]!
  await page.goto(`/archives/${post.slug}`)
  await expect.poll(async () => (await overflowing()).length, { message: 'a formula wider than 360 px' }).toBeGreaterThan(0)
  await expect.poll(overflowing).toEqual((await overflowing()).map(() => '0'))

  // The archive page links every article; the router keeps this layout across the click.
  await page.goto('/archives')
  await page.locator(`main a[href="/archives/${encodeURIComponent(post.slug)}"]`).first().click()
  await expect(page.locator('article .prose .math-display').first()).toBeVisible()
  await expect.poll(async () => (await overflowing()).length).toBeGreaterThan(0)
  await expect.poll(overflowing).toEqual((await overflowing()).map(() => '0'))
})

test('an unknown article is a 404', async ({ request }) => {
  expect((await request.get('/archives/no-such-article')).status()).toBe(404)
})

for (const post of withEquations) {
  test(`equations in ${post.slug} are numbered in order and every \\eqref lands on its equation`, async ({ page }) => {
    await page.goto(`/archives/${post.slug}`)
    const numbers = await page.locator('article .prose .eqn-number').evaluateAll((cells) =>
      cells.map((cell) => cell.textContent?.trim() ?? '').filter(Boolean),
    )
    const plainNumbers = numbers.filter((n) => /^\(\d+\)$/.test(n)).map((n) => Number(n.slice(1, -1)))
    expect(plainNumbers.length).toBeGreaterThan(0)
    expect(plainNumbers).toEqual(plainNumbers.map((_, i) => i + 1))

    const links = page.locator('article .prose a.eqref')
    const count = await links.count()
    expect(count).toBeGreaterThan(0)
    for (let i = 0; i < count; i++) {
      const link = links.nth(i)
      const href = (await link.getAttribute('href'))!
      const target = page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`)
      await expect(target, `target of ${href}`).toHaveCount(1)
      const shown = (await link.textContent())!.trim()
      // A theorem-like block or a figure (<Ref>, or \ref inside math) is named by its head: "定理 2", or "2".
      // Equation anchors start with "eqn-"; only other targets need a look at what they are.
      const blockName = href.startsWith('#eqn-')
        ? null
        : await target.evaluate((element) =>
            element.matches('.theorem, .figure--numbered') ? (element.querySelector('.theorem__name, .figure__number')?.textContent ?? '') : null,
          )
      if (blockName !== null) {
        expect([blockName, blockName.split(' ').pop()], `reference to ${href}`).toContain(shown)
        continue
      }
      const cell = (await target.textContent())!.trim()
      // \eqref shows "(n)", \ref shows "n", <Ref> "式 (n)"; each names the target's number or tag.
      const bare = cell.replace(/^\((.*)\)$/, '$1')
      expect([cell, bare, `(${bare})`, `式 (${bare})`]).toContain(shown)
    }

    const first = links.first()
    const href = (await first.getAttribute('href'))!
    await first.click()
    await expect(page).toHaveURL(new RegExp(`${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
    await expect(page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`)).toBeInViewport()
  })
}

test('hovering an \\eqref shows the referenced equation in a popover', async ({ page }) => {
  const post = withEquations[0]!
  await page.goto(`/archives/${post.slug}`)
  // An equation's reference (a theorem's previews the whole block, e2e/theorems.spec.ts).
  const link = page.locator('article .prose p a.eqref[href^="#eqn-"]').first()
  await link.scrollIntoViewIfNeeded()
  await link.hover()
  const popover = page.getByRole('tooltip')
  await expect(popover).toBeVisible()
  await expect(popover.locator('math')).toHaveCount(1)
  await page.mouse.move(0, 0)
  await expect(popover).toHaveCount(0)
})

test('every image in every article loads and has its intrinsic size', async ({ page }) => {
  for (const post of posts.filter((p) => /!\[/.test(p.source))) {
    await page.goto(`/archives/${post.slug}`)
    const images = page.locator('article .prose img')
    for (const image of await images.all()) {
      await image.scrollIntoViewIfNeeded()
      await expect(image).toHaveAttribute('width', /^\d+$/)
      await expect(image).toHaveAttribute('height', /^\d+$/)
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    }
    await expect(page.locator('article .prose figure figcaption').first()).not.toBeEmpty()
  }
})
