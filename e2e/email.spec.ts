import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { startAppServer } from './support/app-server'
import { accountMenu, addressFor, expect, formAlert, signInThroughForm, test, type TestMember } from './support/fixtures'
import { mailTo, sitePathIn, waitForMail } from './support/mailbox'

/**
 * The mail flows in Chromium, against the real SMTP server e2e/support/serve.ts
 * started for the site: every link a test follows is read out of a message
 * that server received.
 */

const VERIFY_SUBJECT = '请验证你在 格物志 的邮箱'
const RESET_SUBJECT = '重设 格物志 的密码'

async function openComments(page: Page, slug: string) {
  await page.goto(`/archives/${slug}#comments`)
  const section = page.locator('section#comments')
  await expect(section.getByText(/^(共 \d+ 条评论|还没有评论)$/)).toBeVisible()
  return section
}

async function ownContext(browser: Browser, baseURL: string, seed: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', extraHTTPHeaders: { 'x-forwarded-for': addressFor(seed) } })
  return context.newPage()
}

test('a new member receives a verification link; until it is opened they read but cannot comment', async ({ page, registerMember }) => {
  const member = await registerMember(page)
  const section = await openComments(page, 'lora-rank')
  await expect(section.getByText(`验证邮箱之后才能发表评论：请打开我们发到 ${member.email} 的链接（24 小时内有效）。`, { exact: false })).toBeVisible()
  await expect(section.getByRole('form', { name: `以 ${member.name} 的身份评论` })).toHaveCount(0)

  const mail = await waitForMail(member.email, VERIFY_SUBJECT)
  expect(mail.envelopeTo).toEqual([member.email])
  expect(mail.from).toMatch(/^noreply@localhost$/)
  const link = sitePathIn(mail, '/verify-email?token=')
  await page.goto(link)
  await page.getByRole('button', { name: '验证邮箱' }).click()
  await expect(page.getByRole('main').getByRole('status')).toHaveText(`邮箱 ${member.email} 已验证，现在可以发表评论了。`)

  const verified = await openComments(page, 'lora-rank')
  await expect(verified.getByRole('form', { name: `以 ${member.name} 的身份评论` })).toBeVisible()
  await page.goto('/account')
  await expect(page.getByText('已验证', { exact: true })).toBeVisible()

  // The link was single-use.
  await page.goto(link)
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('这个验证链接已经用过了。')
})

test('an unverified member resends the link from the comment section, and only the newest link works', async ({ page, registerMember }) => {
  const member = await registerMember(page)
  const first = await waitForMail(member.email, VERIFY_SUBJECT)
  const section = await openComments(page, 'lora-rank')
  await section.getByRole('button', { name: '重新发送验证邮件' }).click()
  await expect(section.getByRole('form', { name: '重新发送验证邮件' }).getByRole('status')).toHaveText(`验证邮件已发到 ${member.email}，24 小时内有效。之前发出的链接已失效。`)
  const second = await waitForMail(member.email, VERIFY_SUBJECT, { count: 2 })
  expect(sitePathIn(second, '/verify-email?token=')).not.toBe(sitePathIn(first, '/verify-email?token='))

  await page.goto(sitePathIn(first, '/verify-email?token='))
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('这个验证链接已经用过了。')
  await page.goto(sitePathIn(second, '/verify-email?token='))
  await page.getByRole('button', { name: '验证邮箱' }).click()
  await expect(page.getByRole('main').getByRole('status')).toContainText('已验证')
})

test('forgot password: the link resets it once, the new password signs in, the old one is refused', async ({ browser, baseURL, registerMember }, testInfo) => {
  const owner = await ownContext(browser, baseURL!, `${testInfo.testId}#owner`)
  const member = await registerMember(owner)
  // Another browser, signed in before the reset, is signed out by it.
  const elsewhere = await ownContext(browser, baseURL!, `${testInfo.testId}#elsewhere`)
  await signInThroughForm(elsewhere, member)
  await expect(accountMenu(elsewhere).getByText(member.name)).toBeVisible()

  const guest = await ownContext(browser, baseURL!, `${testInfo.testId}#guest`)
  await guest.goto('/login')
  await guest.getByRole('link', { name: '忘记密码？' }).click()
  const form = guest.getByRole('form', { name: '找回密码' })
  await form.getByLabel('邮箱').fill(member.email)
  await form.getByRole('button', { name: '发送重设链接' }).click()
  const answer = '如果这个邮箱注册过账户，重设密码的链接已经发出，30 分钟内有效。请查收邮件（也看看垃圾邮件）。'
  await expect(form.getByRole('status')).toHaveText(answer)
  // The same answer for an address without an account, and no mail to it.
  const nobody = `nobody-${testInfo.testId.slice(0, 8)}@example.test`
  await form.getByLabel('邮箱').fill(nobody)
  await form.getByRole('button', { name: '发送重设链接' }).click()
  await expect(form.getByRole('status')).toHaveText(answer)

  const mail = await waitForMail(member.email, RESET_SUBJECT)
  const link = sitePathIn(mail, '/reset-password?token=')
  await guest.goto(link)
  const reset = guest.getByRole('form', { name: '设置新密码' })
  const newPassword = `${member.password} after the reset`
  await reset.getByLabel('新密码').fill(newPassword)
  await reset.getByRole('button', { name: '设置新密码' }).click()
  await expect(guest.getByRole('main').getByRole('status')).toHaveText('密码已重设，所有设备上的登录均已退出。请用新密码登录。')

  await guest.getByRole('link', { name: '去登录' }).click()
  await signInThroughForm(guest, member)
  await expect(formAlert(guest, '登录')).toHaveText('邮箱或密码不正确')
  await signInThroughForm(guest, { email: member.email, password: newPassword })
  await expect(accountMenu(guest).getByText(member.name)).toBeVisible()

  await elsewhere.goto('/account')
  await expect(elsewhere).toHaveURL(/\/login\?callbackUrl=%2Faccount/)

  await guest.goto(link)
  await expect(guest.getByRole('main').getByRole('alert')).toHaveText('这个重设链接已经用过了。')
  await expect(guest.getByRole('link', { name: '重新申请重设密码' })).toHaveAttribute('href', '/forgot-password')
  expect(await mailTo(nobody)).toHaveLength(0)
  await Promise.all([owner.context().close(), elsewhere.context().close(), guest.context().close()])
})

async function comment(page: Page, member: TestMember, body: string) {
  const form = page.getByRole('form', { name: `以 ${member.name} 的身份评论` })
  await form.getByLabel(`以 ${member.name} 的身份评论`).fill(body)
  await form.getByRole('button', { name: '发表评论' }).click()
  await expect(page.locator('article.comment').filter({ hasText: body })).toBeVisible()
}

test('a reply mails the author a link to it; the mail unsubscribes in one click', async ({ browser, baseURL, verifiedMember, request }, testInfo) => {
  const slug = 'vq-vae-straight-through'
  const authorPage = await ownContext(browser, baseURL!, `${testInfo.testId}#author`)
  const author = await verifiedMember(authorPage)
  const replierPage = await ownContext(browser, baseURL!, `${testInfo.testId}#replier`)
  const replier = await verifiedMember(replierPage)

  const question = `直通估计的梯度为什么有偏？ ${testInfo.testId.slice(0, 6)}`
  await openComments(authorPage, slug)
  await comment(authorPage, author, question)

  await openComments(replierPage, slug)
  const parent = replierPage.locator('article.comment').filter({ hasText: question })
  await parent.getByRole('button', { name: `回复 ${author.name}` }).click()
  const form = replierPage.getByRole('form', { name: `回复 ${author.name}` })
  const answer = '因为 $\\frac{\\partial z_q}{\\partial z_e}$ 被当作单位矩阵。'
  await form.getByLabel(`回复 ${author.name}`).fill(answer)
  await form.getByRole('button', { name: '发表评论' }).click()
  await expect(replierPage.locator('article.comment').filter({ hasText: '因为' })).toBeVisible()

  const mail = await waitForMail(author.email, /下的评论有了新回复$/)
  expect(mail.text).toContain(`${replier.name} 回复了你`)
  expect(mail.text).toContain(`> ${answer}`)
  expect(mail.html).toContain('<math')
  expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click')
  const commentLink = sitePathIn(mail, `/archives/${slug}#comment-`)
  await authorPage.goto(commentLink)
  const target = authorPage.locator(`#${commentLink.split('#')[1]}`)
  await expect(target).toContainText('因为')

  // The footer link: a page with one button.
  await authorPage.goto(sitePathIn(mail, '/unsubscribe?token='))
  await authorPage.getByRole('button', { name: '退订回复通知' }).click()
  await expect(authorPage.getByRole('main').getByRole('status')).toHaveText('已退订回复通知。随时可以在账户页重新打开。')
  await authorPage.goto('/account')
  const switches = authorPage.getByRole('form', { name: '邮件通知' })
  await expect(switches.getByRole('checkbox', { name: /有人回复我的评论时发邮件/ })).not.toBeChecked()

  // Back on from /account; then the List-Unsubscribe header's one-click POST, as a mail client sends it, turns it off again.
  await switches.getByRole('checkbox', { name: /有人回复我的评论时发邮件/ }).check()
  await switches.getByRole('button', { name: '保存通知设置' }).click()
  await expect(switches.getByRole('status')).toHaveText('通知设置已保存')
  const oneClick = /^<(.+)>$/.exec(mail.headers['list-unsubscribe']!)![1]!
  const response = await request.post(oneClick, { form: { 'List-Unsubscribe': 'One-Click' } })
  expect(response.status()).toBe(200)
  expect(await response.text()).toBe('已退订回复通知')
  await authorPage.reload()
  await expect(authorPage.getByRole('form', { name: '邮件通知' }).getByRole('checkbox', { name: /有人回复我的评论时发邮件/ })).not.toBeChecked()
  await Promise.all([authorPage.context().close(), replierPage.context().close()])
})

test('an admin reads the status of every message at /admin/mail', async ({ signedInAs, registerMember, page }) => {
  const member = await registerMember(page)
  await waitForMail(member.email, VERIFY_SUBJECT)
  const admin = await signedInAs('admin')
  await admin.goto('/admin/mail?status=sent')
  await expect(admin.getByRole('heading', { name: '邮件', level: 1 })).toBeVisible()
  const row = admin.getByRole('row').filter({ hasText: member.email })
  await expect(row).toHaveCount(1)
  await expect(row.getByRole('cell').nth(1)).toHaveText('邮箱验证')
  await expect(row.getByRole('rowheader')).toHaveText(VERIFY_SUBJECT)
  await expect(row.getByRole('cell').nth(3)).toHaveText('已发送')
})

test('without SMTP_URL a production server warns once and writes each message to the outbox folder, with its link in the log', async ({ browser }, testInfo) => {
  test.setTimeout(240_000)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-no-smtp-'))
  const pgliteDir = path.join(dataDir, 'pglite')
  execFileSync(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'e2e/support/prepare-database.ts', pgliteDir], { stdio: 'inherit' })
  const port = Number(process.env.E2E_PORT ?? 3100) + 30
  const app = await startAppServer(port, { DATABASE_URL: '', SMTP_URL: '', DATA_DIR: dataDir, PGLITE_DIR: pgliteDir, NODE_ENV: 'production', SITE_URL: `http://localhost:${port}` })
  try {
    const context = await browser.newContext({ baseURL: app.url, locale: 'zh-CN', extraHTTPHeaders: { 'x-forwarded-for': addressFor(testInfo.testId) } })
    const page = await context.newPage()
    const email = `outbox-${testInfo.testId.slice(0, 8)}@example.test`
    await page.goto('/register')
    await page.getByLabel('显示名称').fill('本地读者')
    await page.getByLabel('邮箱').fill(email)
    await page.getByLabel('密码', { exact: true }).fill('a long local passphrase')
    await page.getByRole('button', { name: '注册' }).click()
    await expect(accountMenu(page).getByText('本地读者')).toBeVisible()

    const outbox = path.join(dataDir, 'outbox')
    await expect.poll(() => (fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((name) => name.endsWith('.eml')) : []).length, { timeout: 20_000 }).toBe(1)
    const [file] = fs.readdirSync(outbox)
    const raw = fs.readFileSync(path.join(outbox, file!), 'utf8')
    expect(raw).toMatch(new RegExp(`^To: ${email}$`, 'm'))
    const logged = app.output().split('\n').filter((line) => line.includes('mail written to the outbox folder'))
    expect(logged).toHaveLength(1)
    const entry = JSON.parse(logged[0]!) as { file: string; link: string }
    expect(entry.file).toBe(path.join(outbox, file!))
    expect(entry.link).toMatch(new RegExp(`^http://localhost:${port}/verify-email\\?token=[A-Za-z0-9_-]{43}$`))
    expect(app.output().split('\n').filter((line) => line.includes('SMTP_URL is not set'))).toHaveLength(1)

    // The logged link is the one in the file, and it works.
    await page.goto(new URL(entry.link).pathname + new URL(entry.link).search)
    await page.getByRole('button', { name: '验证邮箱' }).click()
    await expect(page.getByRole('main').getByRole('status')).toHaveText(`邮箱 ${email} 已验证，现在可以发表评论了。`)
    await context.close()
  } finally {
    await app.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})
