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

const RULES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']

function listed(results: Awaited<ReturnType<AxeBuilder['analyze']>>): string[] {
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)
}

for (const scheme of ['light', 'dark'] as const) {
  for (const [name, path] of Object.entries(pages)) {
    test(`axe finds no violations on the ${name} page in ${scheme} mode`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await page.goto(path)
      // Formulas are thousands of KaTeX nodes per article, each built the same way: they
      // are checked below on a sample, and their markup by lib/math's unit tests.
      const results = await new AxeBuilder({ page }).withTags(RULES).exclude('.katex').analyze()
      expect(listed(results)).toEqual([])
    })
  }

  test(`axe finds no violations in formulas with equation links, in ${scheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto(pages.article)
    // A paragraph whose formulas hold \eqref links, and a numbered equation: the cases
    // where KaTeX's hidden and visible copies and our links meet.
    const withLink = page.locator('article .prose p:has(.katex a.eqref)').first()
    await expect(withLink).toBeAttached()
    const numbered = page.locator('article .prose .math-display:has(.eqn-number)').first()
    await expect(numbered).toBeAttached()
    for (const region of [withLink, numbered]) {
      const selector = await region.evaluate((element) => {
        element.setAttribute('data-axe-sample', '')
        return '[data-axe-sample]'
      })
      expect(listed(await new AxeBuilder({ page }).withTags(RULES).include(selector).analyze())).toEqual([])
      await region.evaluate((element) => element.removeAttribute('data-axe-sample'))
    }
  })
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
