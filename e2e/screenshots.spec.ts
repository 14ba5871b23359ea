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
