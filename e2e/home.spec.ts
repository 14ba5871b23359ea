import { expect, test } from '@playwright/test'

test('the home page shows the site name in Chromium', async ({ page }) => {
  const response = await page.goto('/')
  expect(response?.status()).toBe(200)
  await expect(page).toHaveTitle(/格物志/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('格物志：最新文章')
  await expect(page.getByRole('banner').getByRole('link', { name: /格物志/ })).toHaveAttribute('href', '/')
})

