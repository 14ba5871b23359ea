import { randomBytes } from 'node:crypto'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { naughtyStrings, xssPayloads } from '@/tests/support/hostile-input'
import { accountMenu, addressFor, expect, formAlert, signInThroughForm, test } from './support/fixtures'
import { actionOutcome, callServerAction, serverActionId } from './support/server-actions'
import { testUsers } from './support/users'

const FORBIDDEN = '您没有权限进行此操作'

// Each test walks through several pages as several people; on a busy two-core machine that takes more than 30 s.
test.describe.configure({ timeout: 160_000 })

function uniqueTag(): string {
  return randomBytes(4).toString('hex')
}

/** The table row whose header cell (sender or member) names exactly `name`. */
function rowFor(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader').getByText(name, { exact: true }) })
}

async function sendFeedbackAsGuest(page: Page, message: { name: string; email?: string; body: string }) {
  await page.goto('/feedback')
  const form = page.getByRole('form', { name: '留言' })
  await form.getByLabel('称呼').fill(message.name)
  if (message.email) await form.getByLabel('邮箱（选填）').fill(message.email)
  await form.getByLabel('留言内容').fill(message.body)
  await form.getByRole('button', { name: '发送留言' }).click()
  await expect(form.getByRole('status')).toHaveText('留言已发送，谢谢！编辑会尽快阅读。')
}

test('a guest sends feedback; an editor sees it as new, marks it read and archives it', async ({ page, signedInAs }) => {
  const name = `访客 ${uniqueTag()}`
  // A failed submission keeps everything that was typed.
  await page.goto('/feedback')
  const form = page.getByRole('form', { name: '留言' })
  await form.getByLabel('称呼').fill(name)
  await form.getByLabel('留言内容').fill('   ')
  await form.getByLabel('留言内容').evaluate((textarea) => textarea.removeAttribute('required'))
  await form.getByRole('button', { name: '发送留言' }).click()
  await expect(formAlert(page, '留言')).toHaveText('请检查标出的内容')
  await expect(form.getByLabel('留言内容')).toHaveAccessibleDescription(/请填写留言内容/)
  await expect(form.getByLabel('称呼')).toHaveValue(name)

  await sendFeedbackAsGuest(page, { name, email: 'guest@example.test', body: '第 (3) 式的推导\n少了一步。' })
  // The form is empty again for the next message.
  await expect(form.getByLabel('留言内容')).toHaveValue('')

  const editor = await signedInAs('editor')
  await editor.goto('/admin')
  await expect(editor.getByRole('heading', { level: 1 })).toHaveText('概览')
  await editor.getByRole('navigation', { name: '管理' }).getByRole('link', { name: /留言/ }).click()
  await editor.getByRole('navigation', { name: '留言状态' }).getByRole('link', { name: /新留言/ }).click()
  await expect(editor).toHaveURL('/admin/feedback?view=new')
  const row = rowFor(editor, name)
  await expect(row.getByRole('cell').nth(2)).toHaveText('新留言')
  await expect(row).toContainText('guest@example.test')

  // Open it: the whole message, as typed.
  await row.getByRole('link', { name: `查看：${name} 的留言` }).click()
  await expect(editor.getByRole('heading', { level: 1 })).toHaveText(`来自 ${name} 的留言`)
  await expect(editor.locator('.admin-message-body')).toHaveText('第 (3) 式的推导\n少了一步。', { useInnerText: true })
  await editor.getByRole('button', { name: `标为已读：${name}` }).click()
  await expect(editor.getByRole('button', { name: `标为未读：${name}` })).toBeVisible()
  await expect(editor.getByRole('definition').filter({ hasText: /^已读/ })).toBeVisible()

  // Back in the list: read, then archived, out of the inbox and into the archive.
  await editor.goto('/admin/feedback')
  await expect(rowFor(editor, name).getByRole('cell').nth(2)).toHaveText('已读')
  await rowFor(editor, name).getByRole('button', { name: `归档：${name}` }).click()
  await expect(rowFor(editor, name)).toHaveCount(0)
  await editor.goto('/admin/feedback?view=archived')
  await expect(rowFor(editor, name).getByRole('cell').nth(2)).toHaveText('已归档')

  // The full-text filter finds it by a word of the message.
  await editor.goto('/admin/feedback?view=all')
  await editor.getByRole('searchbox', { name: '搜索留言' }).fill('少了一步')
  await editor.getByRole('main').getByRole('button', { name: '搜索' }).click()
  await expect(rowFor(editor, name)).toHaveCount(1)
})

test('a member prefills the form, and the message is linked to the account', async ({ signedInAs }) => {
  const member = await signedInAs('member')
  await member.goto('/feedback')
  const form = member.getByRole('form', { name: '留言' })
  await expect(form.getByLabel('称呼')).toHaveValue(testUsers.member.name)
  await expect(form.getByLabel('邮箱（选填）')).toHaveValue(testUsers.member.email)
  const body = `成员留言 ${uniqueTag()}`
  await form.getByLabel('留言内容').fill(body)
  await form.getByRole('button', { name: '发送留言' }).click()
  await expect(form.getByRole('status')).toBeVisible()

  const admin = await signedInAs('admin')
  await admin.goto(`/admin/feedback?q=${encodeURIComponent(body)}`)
  await admin.getByRole('link', { name: /^查看：/ }).click()
  await expect(admin.getByRole('definition').nth(1)).toHaveText(`${testUsers.member.name}（${testUsers.member.email}）`)
})

test('a member without a role gets a 404 from every admin page and a refusal from every admin action', async ({
  signedInAs,
  baseURL,
  page,
}) => {
  const member = await signedInAs('member')
  const adminPages = ['/admin', '/admin/feedback', '/admin/feedback/1', '/admin/comments', '/admin/members', '/admin/audit']
  for (const path of adminPages) {
    const response = await member.goto(path)
    expect(response?.status(), path).toBe(404)
    await expect(member.getByRole('heading', { level: 1 }), path).toHaveText('没有找到这个页面')
  }
  // Visitors too; editors only from the admins' pages.
  expect((await page.goto('/admin'))?.status()).toBe(404)
  const editor = await signedInAs('editor')
  for (const path of ['/admin/members', '/admin/audit']) expect((await editor.goto(path))?.status(), path).toBe(404)

  // A message the member will try to change behind the editors' backs.
  const name = `目标 ${uniqueTag()}`
  const guest = await page.context().newPage()
  await sendFeedbackAsGuest(guest, { name, body: '不应被成员改动' })
  const admin = await signedInAs('admin')
  await admin.goto(`/admin/feedback?q=${encodeURIComponent(name)}`)
  const href = await rowFor(admin, name).getByRole('link', { name: /^查看：/ }).getAttribute('href')
  const feedbackId = href?.split('/').at(-1) ?? ''
  const session = (await (await member.request.get('/api/auth/session')).json()) as { user: { id: string } }
  const memberId = session.user.id

  // Every admin action, called directly with the member's session cookie.
  const calls: { file: string; name: string; path: string; fields: Record<string, string> }[] = [
    { file: 'app/admin/feedback/actions.ts', name: 'setFeedbackStatusAction', path: '/admin/feedback', fields: { id: feedbackId, status: 'archived' } },
    { file: 'app/admin/feedback/actions.ts', name: 'deleteFeedbackAction', path: `/admin/feedback/${feedbackId}`, fields: { id: feedbackId } },
    { file: 'app/admin/comments/actions.ts', name: 'setCommentHiddenAction', path: '/admin/comments', fields: { id: '1', hidden: 'true' } },
    { file: 'app/admin/comments/actions.ts', name: 'deleteCommentAction', path: '/admin/comments', fields: { id: '1' } },
    { file: 'app/admin/members/actions.ts', name: 'changeRoleAction', path: '/admin/members', fields: { id: memberId, role: 'admin' } },
    { file: 'app/admin/members/actions.ts', name: 'setMemberDisabledAction', path: '/admin/members', fields: { id: memberId, disabled: 'true' } },
  ]
  for (const call of calls) {
    const { status, text } = await callServerAction(member.request, baseURL!, {
      path: call.path,
      actionId: serverActionId(call.file, call.name),
      fields: call.fields,
    })
    expect(status, call.name).toBe(200)
    expect(actionOutcome(text), call.name).toEqual({ ok: false, error: FORBIDDEN })
  }

  // Nothing changed: the message is still new, the member is still a member.
  await admin.goto(`/admin/feedback?q=${encodeURIComponent(name)}`)
  await expect(rowFor(admin, name).getByRole('cell').nth(2)).toHaveText('新留言')
  expect((await member.goto('/admin'))?.status()).toBe(404)
  await member.goto('/account')
  await expect(member.getByRole('definition').nth(1)).toHaveText('成员')
})

test('an admin changes a role and disables a member, who can then no longer sign in', async ({ page: memberPage, registerMember, signedInAs }) => {
  const member = await registerMember(memberPage)
  expect((await memberPage.goto('/admin'))?.status()).toBe(404)

  const admin = await signedInAs('admin')
  await admin.goto('/admin/members')
  await admin.getByRole('searchbox', { name: '搜索成员' }).fill(member.email)
  await admin.getByRole('main').getByRole('button', { name: '搜索' }).click()
  const row = rowFor(admin, member.name)
  await expect(row).toHaveCount(1)
  await row.getByRole('combobox', { name: `角色：${member.name}` }).selectOption('editor')
  await row.getByRole('button', { name: `更改角色：${member.name}` }).click()
  await expect(row.getByRole('status')).toHaveText(`${member.name} 现在是编辑`)

  // The new editor sees the admin area at the next request, without signing in again.
  expect((await memberPage.goto('/admin'))?.status()).toBe(200)
  await expect(memberPage.getByRole('heading', { level: 1 })).toHaveText('概览')

  // Disabling asks for confirmation first.
  await row.getByText('停用…').click()
  await row.getByRole('button', { name: `确认停用：${member.name}` }).click()
  await expect(row.getByRole('cell').nth(2)).toHaveText('已停用')
  await expect(row.getByRole('button', { name: `启用：${member.name}` })).toBeVisible()

  // Their session has ended, and signing in again is refused.
  expect((await memberPage.goto('/admin'))?.status()).toBe(404)
  expect(await (await memberPage.request.get('/api/auth/session')).json()).toEqual({})
  await signInThroughForm(memberPage, member)
  await expect(formAlert(memberPage, '登录')).toHaveText(/该账户已被停用/)

  // Both changes are in the audit log, with who made them.
  await admin.goto('/admin/audit')
  for (const action of ['更改角色', '停用成员']) {
    const entry = admin.getByRole('row').filter({ hasText: action }).filter({ hasText: member.email }).first()
    await expect(entry).toContainText(`${testUsers.admin.name} <${testUsers.admin.email}>`)
  }
})

test('naughty strings and XSS payloads sent as feedback are stored exactly or refused, and are inert in the inbox', async ({
  playwright,
  baseURL,
  signedInAs,
}, testInfo) => {
  test.setTimeout(480_000)
  const tag = `hostile-${uniqueTag()}`
  const hostile = [...naughtyStrings, ...xssPayloads]
  const sendFeedback = serverActionId('app/(site)/feedback/actions.ts', 'sendFeedbackAction')
  // A client of its own: no cookies, no address of the test's.
  const visitor = await playwright.request.newContext({ baseURL })
  const outcomes: { ok: boolean | null; error: string | null }[] = []
  const BATCH = 8
  for (let start = 0; start < hostile.length; start += BATCH) {
    const batch = hostile.slice(start, start + BATCH).map(async (body, offset) => {
      const index = start + offset
      const { status, text } = await callServerAction(visitor, baseURL!, {
        path: '/feedback',
        actionId: sendFeedback,
        fields: { name: `${tag} #${index}`, email: '', body, website: '' },
        // Many visitors, each from an address of their own, so the per-address limit is not what is tested.
        headers: { 'x-forwarded-for': addressFor(`${testInfo.testId}#${index}`) },
      })
      expect(status, JSON.stringify(body)).toBe(200)
      return actionOutcome(text)
    })
    outcomes.push(...(await Promise.all(batch)))
  }
  await visitor.dispose()
  const accepted = new Map<string, string>()
  hostile.forEach((body, index) => {
    const outcome = outcomes[index]!
    if (outcome.ok) accepted.set(`${tag} #${index}`, body)
    else expect(outcome.error, JSON.stringify(body)).toMatch(/\S/)
  })
  // Only blank strings are refused.
  expect(accepted.size).toBe(hostile.filter((body) => /\S/u.test(body)).length)

  const editor = await signedInAs('editor')
  const dialogs: string[] = []
  editor.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  const seen = new Map<string, string>()
  for (let pageNumber = 1; ; pageNumber++) {
    await editor.goto(`/admin/feedback?view=all&q=${encodeURIComponent(tag)}&page=${pageNumber}`)
    const rows = await editor.locator('tbody tr').evaluateAll((elements) =>
      elements.map((row) => ({
        name: row.querySelector('th .admin-text')?.textContent ?? '',
        excerpt: row.querySelector('.admin-excerpt')?.textContent ?? '',
        elementsInExcerpt: row.querySelector('.admin-excerpt')?.children.length ?? -1,
      })),
    )
    if (rows.length === 0) break
    for (const row of rows) {
      // Text only: not one element was made from what was sent.
      expect(row.elementsInExcerpt, row.name).toBe(0)
      seen.set(row.name, row.excerpt)
    }
    await expect(editor.locator('main').locator('script, img, iframe, svg, style, math, details, object, embed, a[href^="javascript"]')).toHaveCount(0)
  }
  // Every accepted string is listed, exactly as sent (the list shows the first 160 characters).
  expect(seen.size).toBe(accepted.size)
  for (const [name, body] of accepted) {
    const characters = Array.from(body)
    const expected = characters.length > 160 ? `${characters.slice(0, 160).join('')}…` : body
    expect(seen.get(name), JSON.stringify(body)).toBe(expected)
  }

  // Each XSS payload on its own page: the whole text, as text.
  for (const payload of xssPayloads) {
    const index = hostile.indexOf(payload)
    await editor.goto(`/admin/feedback?view=all&q=${encodeURIComponent(`${tag} #${index}`)}`)
    await rowFor(editor, `${tag} #${index}`).getByRole('link', { name: /^查看：/ }).click()
    const body = editor.locator('.admin-message-body')
    await expect(body).toBeVisible()
    expect(await body.evaluate((element) => [element.textContent, element.children.length])).toEqual([payload, 0])
  }
  expect(dialogs).toEqual([])
})

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']

/** axe's violations on `path` in `scheme`: the whole page, or only `region`. */
async function axeViolations(target: Page, scheme: 'light' | 'dark', path: string, region?: string): Promise<string[]> {
  await target.emulateMedia({ colorScheme: scheme })
  await target.goto(path)
  const builder = new AxeBuilder({ page: target }).withTags(AXE_TAGS)
  const results = await (region ? builder.include(region) : builder).analyze()
  return results.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)
}

// The whole page once per layout (the site's, the admin area's); on the other
// admin pages only what differs between them, the main region. One test per
// layout and theme, so the two workers share them and none runs long.
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${scheme} mode`, () => {
    test(`finds no violations on /feedback (the site's layout)`, async ({ page }) => {
      expect(await axeViolations(page, scheme, '/feedback')).toEqual([])
    })

    test(`finds no violations on /admin (the admin layout, whole page)`, async ({ signedInAs }) => {
      const admin = await signedInAs('admin')
      expect(await axeViolations(admin, scheme, '/admin')).toEqual([])
    })

    for (const path of ['/admin/feedback', '/admin/comments', '/admin/members', '/admin/audit', '/admin/mail']) {
      test(`finds no violations in the main region of ${path}`, async ({ signedInAs }) => {
        const admin = await signedInAs('admin')
        expect(await axeViolations(admin, scheme, path, 'main')).toEqual([])
      })
    }

    test(`finds no violations on a feedback message and its opened delete confirmation`, async ({ page, signedInAs }) => {
      const name = `无障碍 ${uniqueTag()}`
      await sendFeedbackAsGuest(page, { name, email: 'a11y@example.test', body: '检查无障碍。' })
      const admin = await signedInAs('admin')
      await admin.goto(`/admin/feedback?q=${encodeURIComponent(name)}`)
      const detail = (await rowFor(admin, name).getByRole('link', { name: /^查看：/ }).getAttribute('href')) ?? ''
      expect(detail).toMatch(/^\/admin\/feedback\//)
      expect(await axeViolations(admin, scheme, detail, 'main')).toEqual([])
      await admin.getByText('删除…').click()
      const results = await new AxeBuilder({ page: admin }).include('.admin-confirm').analyze()
      expect(results.violations.map((v) => v.id)).toEqual([])
    })
  })
}
