import type { Page } from '@playwright/test'
import { accountMenu, expect, formAlert, signInThroughForm, test } from './support/fixtures'

/**
 * A few hostile values typed into each real form, in Chromium: nothing they
 * carry runs (no dialog, no element made from them), what is accepted shows as
 * text, and what is refused stays in the field with a message. Every naughty
 * string goes through the same actions in tests/integration/hostile-input.test.ts;
 * here the browser, React and the served page are in the loop.
 */

const IMG = '<img src=x onerror=alert(1)>'
const SCRIPT = '"><script>alert(1)</script>'
const SVG = '<svg onload=alert(1)>'
// Refused as names: a right-to-left override, and stacked combining marks.
const RTL_OVERRIDE = '\u202Eevil<img src=x onerror=alert(1)>'
const ZALGO = 'Z\u0351\u036B\u0343\u036A\u0302\u036B'

/** Records dialogs (alert, confirm, …) for the rest of the test. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  return dialogs
}

/** Elements a payload would have made: event-handler attributes, or a script whose code is the payload's. */
async function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...[...document.querySelectorAll('[onerror], [onload], [ontoggle]')].map((element) => element.outerHTML),
    ...[...document.scripts].filter((script) => script.textContent === 'alert(1)').map((script) => script.outerHTML),
  ])
}

async function expectInert(page: Page, dialogs: string[]) {
  expect(await injectedElements(page)).toEqual([])
  expect(dialogs).toEqual([])
}

test('registration keeps a refused name in the field and shows an accepted one as text', async ({ page }) => {
  const dialogs = watchDialogs(page)
  const email = `hostile-${Date.now()}@example.test`
  await page.goto('/register')
  const form = page.getByRole('form', { name: '注册' })
  await form.getByLabel('显示名称').fill(RTL_OVERRIDE)
  await form.getByLabel('邮箱').fill(email)
  await form.getByLabel('密码', { exact: true }).fill('a long passphrase for hostile names')
  await form.getByRole('button', { name: '注册' }).click()
  await expect(form.getByLabel('显示名称')).toHaveAccessibleDescription(/不能包含控制字符或不可见字符（发现 U\+202E）/)
  await expect(form.getByLabel('显示名称')).toHaveValue(RTL_OVERRIDE)
  await expect(form.getByLabel('邮箱')).toHaveValue(email)
  await expectInert(page, dialogs)

  await form.getByLabel('显示名称').fill(IMG)
  await form.getByLabel('密码', { exact: true }).fill('a long passphrase for hostile names')
  await form.getByRole('button', { name: '注册' }).click()
  await expect(accountMenu(page).getByText(IMG, { exact: true })).toBeVisible()
  await expectInert(page, dialogs)
})

test('renaming shows an accepted payload as text and keeps a refused one in the field', async ({ page, registerMember }) => {
  const dialogs = watchDialogs(page)
  await registerMember(page)
  await page.goto('/account')
  const form = page.getByRole('form', { name: '显示名称' })
  await form.getByLabel('显示名称').fill(SCRIPT)
  await form.getByRole('button', { name: '保存名称' }).click()
  await expect(form.getByRole('status')).toHaveText('显示名称已更新')
  await expect(accountMenu(page).getByText(SCRIPT, { exact: true })).toBeVisible()
  await page.reload()
  await expect(accountMenu(page).getByText(SCRIPT, { exact: true })).toBeVisible()
  await expectInert(page, dialogs)

  await form.getByLabel('显示名称').fill(ZALGO)
  await form.getByRole('button', { name: '保存名称' }).click()
  await expect(form.getByLabel('显示名称')).toHaveAccessibleDescription(/连续叠加的组合符号过多/)
  await expect(form.getByLabel('显示名称')).toHaveValue(ZALGO)
  await expectInert(page, dialogs)
})

test('a payload as the new password is refused when too short, and kept exactly when accepted', async ({ page, registerMember, browser, baseURL, clientIp }) => {
  const dialogs = watchDialogs(page)
  const member = await registerMember(page)
  await page.goto('/account')
  const form = page.getByRole('form', { name: '修改密码' })
  await form.getByLabel('当前密码').fill(member.password)
  // Eight characters of markup: shorter than the rule allows.
  await form.getByLabel('新密码').fill('<i>x</i>')
  await form.getByLabel('新密码').evaluate((input) => input.removeAttribute('minlength'))
  await form.getByRole('button', { name: '修改密码' }).click()
  await expect(form.getByLabel('新密码')).toHaveAccessibleDescription(/密码至少需要 12 个字符（现在是 8 个）/)
  await expectInert(page, dialogs)

  const newPassword = `${SCRIPT} ${IMG}`
  await form.getByLabel('当前密码').fill(member.password)
  await form.getByLabel('新密码').fill(newPassword)
  await form.getByRole('button', { name: '修改密码' }).click()
  await expect(form.getByRole('status')).toContainText('密码已更新')
  await expectInert(page, dialogs)

  // Byte for byte: the payload itself now opens the account.
  const other = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': clientIp } })
  const otherPage = await other.newPage()
  await signInThroughForm(otherPage, { email: member.email, password: newPassword })
  await expect(accountMenu(otherPage).getByText(member.name)).toBeVisible()
  await other.close()
})

test('sign-in keeps a hostile email in the field and answers with a message', async ({ page }) => {
  const dialogs = watchDialogs(page)
  await page.goto('/login')
  const form = page.getByRole('form', { name: '登录' })
  // Past the browser's own email check, as a script would be.
  await form.evaluate((element) => element.setAttribute('novalidate', ''))
  for (const email of [`${IMG}@example.test`, `"${SCRIPT}"@example.test`]) {
    await signInThroughForm(page, { email, password: 'a wrong password, long enough' })
    await expect(formAlert(page, '登录')).toHaveText(/请检查标出的内容|邮箱或密码不正确/)
    await expect(form.getByLabel('邮箱')).toHaveValue(email)
    await expectInert(page, dialogs)
  }
})

test('feedback keeps everything typed on a refusal and sends payloads as text', async ({ page }) => {
  const dialogs = watchDialogs(page)
  await page.goto('/feedback')
  const form = page.getByRole('form', { name: '留言' })
  await form.getByLabel('称呼').fill(ZALGO)
  await form.getByLabel('留言内容').fill(`${SCRIPT}\n${IMG}\n${SVG}`)
  await form.getByRole('button', { name: '发送留言' }).click()
  await expect(formAlert(page, '留言')).toHaveText('请检查标出的内容')
  await expect(form.getByLabel('称呼')).toHaveValue(ZALGO)
  await expect(form.getByLabel('留言内容')).toHaveValue(`${SCRIPT}\n${IMG}\n${SVG}`)
  await expectInert(page, dialogs)

  await form.getByLabel('称呼').fill(SVG)
  await form.getByRole('button', { name: '发送留言' }).click()
  await expect(form.getByRole('status')).toHaveText('留言已发送，谢谢！编辑会尽快阅读。')
  await expectInert(page, dialogs)
})

test('search shows a hostile query as text, typed live and from the server-rendered URL', async ({ page }) => {
  const dialogs = watchDialogs(page)
  for (const query of [IMG, SCRIPT, RTL_OVERRIDE]) {
    await page.goto(`/search?q=${encodeURIComponent(query)}`)
    await expect(page.getByLabel('搜索关键词')).toHaveValue(query)
    // The answer names the query, as text.
    await expect(page.getByRole('status').filter({ hasText: `“${query}”` })).toBeVisible()
    await expectInert(page, dialogs)
  }
  await page.goto('/search')
  await page.getByLabel('搜索关键词').fill(`${SVG} 注意力`)
  await expect(page.getByRole('status').filter({ hasText: `“${SVG} 注意力”` })).toBeVisible()
  await expect(page.getByLabel('搜索关键词')).toHaveValue(`${SVG} 注意力`)
  await expectInert(page, dialogs)
})
