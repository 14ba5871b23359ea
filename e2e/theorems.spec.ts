import { expect, test } from '@playwright/test'

// A hold-out article (content/posts/power-iteration-convergence.mdx): written
// after the components, not used by their unit tests. Every number below is
// what a reader counts on the page: each kind numbered on its own, equations
// numbered across the whole article, theorems included.
const article = '/archives/power-iteration-convergence'

test('theorem-like blocks and figures carry their numbers, each kind counted on its own', async ({ page }) => {
  await page.goto(article)
  await expect(page.locator('.prose .theorem__name')).toHaveText(['定义 1', '引理 1', '定理 1', '推论 1', '注 1', '定理 2', '例 1'])
  await expect(page.locator('.prose .theorem__title').first()).toHaveText('（谱间隙）')
  await expect(page.locator('#fig-decay figcaption .figure__number')).toHaveText('图 1')
  // Two proofs, each titled after its block and closed with ∎.
  await expect(page.locator('.prose .proof__name')).toHaveText(['引理 1 的证明', '定理 1 的证明'])
  await expect(page.getByRole('img', { name: '证毕' })).toHaveCount(2)
})

test('equations inside theorems keep the article-wide numbering', async ({ page }) => {
  await page.goto(article)
  await expect(page.locator('#eqn-eq-order')).toHaveText('(1)') // in 定义 1
  await expect(page.locator('#eqn-eq-iter')).toHaveText('(2)') // between blocks
  await expect(page.locator('#thm-rate #eqn-eq-rate')).toHaveText('(4)')
  await expect(page.locator('#cor-steps #eqn-eq-steps')).toHaveText('(5)')
  await expect(page.locator('#ex-two-pages #eqn-eq-two-pages')).toHaveText('(7)')
})

test('references read 定理 2, 式 (5) and 图 1, and lead to their target', async ({ page }) => {
  await page.goto(article)
  const body = page.locator('.prose')
  await expect(body.getByRole('link', { name: '定理 2', exact: true })).toHaveAttribute('href', '#thm-pagerank')
  await expect(body.getByRole('link', { name: '式 (5)', exact: true })).toHaveAttribute('href', '#eqn-eq-steps')
  await expect(body.getByRole('link', { name: '图 1', exact: true })).toHaveAttribute('href', '#fig-decay')
  await expect(body.getByRole('link', { name: '推论 1', exact: true })).toHaveAttribute('href', '#cor-steps')
  // \ref inside math prints the bare number as a link.
  await expect(body.locator('.math-inline a.eqref[href="#thm-rate"]')).toHaveText('1')
  await expect(body.locator('.math-inline a.eqref[href="#thm-pagerank"]')).toHaveText('2')

  await body.getByRole('link', { name: '定理 2', exact: true }).click()
  await expect(page).toHaveURL(/#thm-pagerank$/)
  await expect(page.locator('#thm-pagerank')).toBeInViewport()
  await expect(page.locator('#thm-pagerank .theorem__name')).toHaveText('定理 2')
})

test('hovering a reference previews the theorem it names', async ({ page }) => {
  await page.goto(article)
  const link = page.locator('.prose').getByRole('link', { name: '引理 1', exact: true }).first()
  await link.hover()
  const preview = page.getByRole('tooltip')
  await expect(preview).toBeVisible()
  await expect(preview.locator('.theorem__name')).toHaveText('引理 1')
  await expect(preview).toContainText('按特征向量展开')
  // The copy carries no ids: the page keeps one element per anchor.
  await expect(page.locator('[id="lem-expand"]')).toHaveCount(1)
})

test('a derivation folds as a native details element', async ({ page }) => {
  await page.goto(article)
  const details = page.locator('.prose details.details')
  await expect(details).not.toHaveAttribute('open')
  await details.getByText('证明的思路').click()
  await expect(details).toHaveAttribute('open')
  await expect(details).toContainText('列随机矩阵')
})

test('on a 360 px screen the blocks fit the column and the page does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 })
  await page.goto(article)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBe(0)
  for (const id of ['def-gap', 'thm-rate', 'thm-pagerank', 'fig-decay']) {
    const box = (await page.locator(`#${id}`).boundingBox())!
    expect(box.x, id).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width, id).toBeLessThanOrEqual(360)
  }
})
