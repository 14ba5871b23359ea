import path from 'node:path'
import { expect, test } from '@playwright/test'
import { publishedPosts } from './support/content'

// Artifacts for a person to look at (test-results/screenshots), not assertions.
const article = publishedPosts().find((p) => p.series)!

for (const scheme of ['light', 'dark'] as const) {
  for (const width of [360, 1280]) {
    for (const [name, url] of [['home', '/'], ['article', `/archives/${article.slug}`]] as const) {
      test(`screenshot: ${name} at ${width}px, ${scheme}`, async ({ page }, testInfo) => {
        await page.setViewportSize({ width, height: 900 })
        await page.emulateMedia({ colorScheme: scheme })
        const response = await page.goto(url)
        expect(response?.status()).toBe(200)
        await expect(page.getByRole('heading', { level: 1 })).toBeAttached()
        await page.evaluate(() => document.fonts.ready)
        await page.screenshot({ path: path.join(testInfo.project.outputDir, "screenshots", `${name}-${width}-${scheme}.png`), fullPage: true })
      })
    }
  }
}

// An article written the way MathJax blogs write (bare environments, tags with math,
// references inside formulas, multline, eqnarray, CJK in tables): every formula laid
// out (the fidelity check compares each one with KaTeX), every number and link there.
const mathJaxStyle = 'jensen-em-lower-bound'
for (const width of [360, 1280]) {
  test(`screenshot: an article written for MathJax at ${width}px`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height: 900 })
    expect((await page.goto(`/archives/${mathJaxStyle}`))?.status()).toBe(200)
    await page.evaluate(() => document.fonts.ready)
    const numbers = await page.locator('article .prose .eqn-number').allTextContents()
    expect(numbers).toEqual(['(1)', '(2)', '(3)', '(†)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)'])
    await expect(page.locator('article .prose .math-error')).toHaveCount(0)
    // A reference in a heading stays in the table of contents, read as its number.
    await expect(page.getByRole('navigation', { name: '文章目录' }).getByRole('link', { name: '单调性：为什么 (3) 保证似然不降' })).toBeVisible()
    await page.screenshot({ path: path.join(testInfo.project.outputDir, 'screenshots', `mathjax-style-article-${width}.png`), fullPage: true })
  })
}
