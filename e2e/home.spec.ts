import { expect, test } from '@playwright/test'

test('the home page shows the site name in Chromium', async ({ page }) => {
  const response = await page.goto('/')
  expect(response?.status()).toBe(200)
  await expect(page).toHaveTitle(/格物志/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('格物志')
})

test('the health endpoint reports a working database', async ({ request }) => {
  const response = await request.get('/api/health')
  expect(response.status()).toBe(200)
  expect(await response.json()).toEqual({ status: 'ok', db: 'ok' })
})
