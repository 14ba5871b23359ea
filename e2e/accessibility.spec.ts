import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { publishedPosts } from './support/content'

const posts = publishedPosts()
const article = posts.find((p) => p.series) ?? posts[0]!
const tag = posts.flatMap((p) => p.tags)[0]!
const pages = {
  home: '/',
  article: `/archives/${article.slug}`,
  archive: '/archives',
  tag: `/tag/${encodeURIComponent(tag)}`,
  '404': '/no-such-page',
}

for (const scheme of ['light', 'dark'] as const) {
  for (const [name, path] of Object.entries(pages)) {
    test(`axe finds no violations on the ${name} page in ${scheme} mode`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await page.goto(path)
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([])
    })
  }
}

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto(pages.article)
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: '跳到正文' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await skip.press('Enter')
  await expect(page).toHaveURL(/#main$/)
})
