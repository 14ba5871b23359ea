import { accountMenu, expect, formAlert, signInThroughForm, test } from './support/fixtures'
import { sitePathIn, waitForMail } from './support/mailbox'
import { adminEmailForRegistration, testUsers } from './support/users'

const INVALID_CREDENTIALS = '邮箱或密码不正确'

test('a member registers, signs out, signs in, renames, changes the password and deletes the account', async ({
  page,
  browser,
  baseURL,
  clientIp,
  registerMember,
}) => {
  // Registering from a link that carries where to return to.
  await page.goto('/register?callbackUrl=%2Faccount')
  const member = await registerMember(page)
  await expect(page).toHaveURL('/account')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('账户')

  // Sign out from the header; on a member-only page that leads home.
  await accountMenu(page).getByRole('button', { name: '退出' }).click()
  await expect(page).toHaveURL('/')
  await expect(accountMenu(page).getByRole('link', { name: '登录' })).toBeVisible()

  // Sign in from the header, and come back to where we were.
  await accountMenu(page).getByRole('link', { name: '登录' }).click()
  await expect(page).toHaveURL('/login?callbackUrl=%2F')
  await signInThroughForm(page, member)
  await expect(page).toHaveURL('/')
  await expect(accountMenu(page).getByText(member.name)).toBeVisible()

  // Rename: the form confirms, the header follows.
  await accountMenu(page).getByRole('link', { name: '账户' }).click()
  const renameForm = page.getByRole('form', { name: '显示名称' })
  await renameForm.getByLabel('显示名称').fill('  改过名的 用户 🙂  ')
  await renameForm.getByRole('button', { name: '保存名称' }).click()
  await expect(renameForm.getByRole('status')).toHaveText('显示名称已更新')
  await expect(accountMenu(page).getByText('改过名的 用户 🙂', { exact: true })).toBeVisible()

  // A second browser signed in before the password changes…
  const other = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': clientIp } })
  const otherPage = await other.newPage()
  await otherPage.goto('/login?callbackUrl=%2Faccount')
  await signInThroughForm(otherPage, member)
  await expect(otherPage).toHaveURL('/account')

  // …is signed out by it, while this browser stays signed in.
  const newPassword = `${member.password} but newer`
  const passwordForm = page.getByRole('form', { name: '修改密码' })
  await passwordForm.getByLabel('当前密码').fill(member.password)
  await passwordForm.getByLabel('新密码').fill(newPassword)
  await passwordForm.getByRole('button', { name: '修改密码' }).click()
  await expect(passwordForm.getByRole('status')).toContainText('密码已更新')

  await otherPage.reload()
  await expect(otherPage).toHaveURL(/\/login\?callbackUrl=%2Faccount$/)
  expect(await (await other.request.get('/api/auth/session')).json()).toEqual({})
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('账户')

  // The old password no longer works, the new one does.
  await signInThroughForm(otherPage, member)
  await expect(formAlert(otherPage, '登录')).toHaveText(INVALID_CREDENTIALS)
  await signInThroughForm(otherPage, { email: member.email, password: newPassword })
  await expect(otherPage).toHaveURL('/account')
  await other.close()

  // Deleting needs the password.
  const deleteForm = page.getByRole('form', { name: '删除账户' })
  await deleteForm.getByLabel('密码').fill('not the password at all')
  await deleteForm.getByRole('button', { name: '永久删除我的账户' }).click()
  await expect(deleteForm.getByRole('alert')).toHaveText('密码不正确')
  await deleteForm.getByLabel('密码').fill(newPassword)
  await deleteForm.getByRole('button', { name: '永久删除我的账户' }).click()
  await expect(page).toHaveURL('/account/deleted')
  await expect(accountMenu(page).getByRole('link', { name: '登录' })).toBeVisible()

  await page.goto('/login')
  await signInThroughForm(page, { email: member.email, password: newPassword })
  await expect(formAlert(page, '登录')).toHaveText(INVALID_CREDENTIALS)
})

test('a wrong password and an unknown email get the same message, and the email stays typed', async ({ page }) => {
  await page.goto('/login')
  await signInThroughForm(page, { email: testUsers.member.email, password: 'wrong password, long enough' })
  const alert = formAlert(page, '登录')
  await expect(alert).toHaveText(INVALID_CREDENTIALS)
  await expect(page.getByLabel('邮箱')).toHaveValue(testUsers.member.email)
  await expect(page.getByLabel('密码', { exact: true })).toHaveValue('')

  await signInThroughForm(page, { email: 'nobody-here@example.test', password: 'wrong password, long enough' })
  await expect(alert).toHaveText(INVALID_CREDENTIALS)
  await expect(page.getByLabel('邮箱')).toHaveValue('nobody-here@example.test')
})

test('after the configured number of failures, sign-in is refused with when to retry, even with the right password', async ({
  page,
  browser,
  baseURL,
  clientIp,
  registerMember,
}) => {
  const member = await registerMember(page)
  const attacker = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': clientIp } })
  const attempt = await attacker.newPage()
  await attempt.goto('/login')
  // The README's promise: 8 failed sign-ins per account in 15 minutes.
  for (let failure = 1; failure <= 8; failure++) {
    await signInThroughForm(attempt, { email: member.email, password: `wrong guess number ${failure}` })
    await expect(formAlert(attempt, '登录')).toHaveText(INVALID_CREDENTIALS)
  }
  await signInThroughForm(attempt, member)
  await expect(formAlert(attempt, '登录')).toHaveText('失败次数过多，请在 15 分钟后重试')
  await expect(attempt).toHaveURL(/\/login/)
  await attacker.close()
})

test('a guest calling a member-only action is refused', async ({ page, registerMember }) => {
  const member = await registerMember(page)
  await page.goto('/account')
  // Wait for the header's session request: next-auth renews the cookie in its answer.
  await expect(accountMenu(page).getByText(member.name)).toBeVisible()
  // The page was rendered for a member; the session is gone when the action runs.
  await page.context().clearCookies()
  const renameForm = page.getByRole('form', { name: '显示名称' })
  await renameForm.getByLabel('显示名称').fill('不该成功的名字')
  await renameForm.getByRole('button', { name: '保存名称' }).click()
  await expect(renameForm.getByRole('alert')).toHaveText('请先登录')
  await page.goto('/account')
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/)
})

test('registration checks every field on the server and keeps what was typed, except the password', async ({ page }) => {
  await page.goto('/register')
  await page.getByLabel('显示名称').fill('看不见\u200B的字')
  await page.getByLabel('邮箱').fill('someone-new@example.test')
  await page.getByLabel('密码', { exact: true }).fill('qwerty123456')
  await page.getByRole('button', { name: '注册' }).click()

  const name = page.getByLabel('显示名称')
  await expect(formAlert(page, '注册')).toHaveText('请检查标出的内容')
  await expect(name).toHaveAttribute('aria-invalid', 'true')
  await expect(name).toHaveAccessibleDescription(/不可见字符（发现 U\+200B）/)
  await expect(name).toBeFocused()
  await expect(name).toHaveValue('看不见\u200B的字')
  await expect(page.getByLabel('邮箱')).toHaveValue('someone-new@example.test')
  const password = page.getByLabel('密码', { exact: true })
  await expect(password).toHaveAccessibleDescription(/已泄露的常用密码/)
  await expect(password).toHaveValue('')
})

test('registering an email that already has an account says so', async ({ page }) => {
  await page.goto('/register')
  await page.getByLabel('显示名称').fill('又一个我')
  await page.getByLabel('邮箱').fill(testUsers.member.email.toUpperCase())
  await page.getByLabel('密码', { exact: true }).fill('a perfectly fine passphrase')
  await page.getByRole('button', { name: '注册' }).click()
  await expect(page.getByLabel('邮箱')).toHaveAccessibleDescription(/这个邮箱已经注册过了/)
})

test('registrations are limited per IP address', async ({ page, registerMember }) => {
  // The README's promise: 3 registrations per client address a day.
  for (let registration = 0; registration < 3; registration++) {
    await page.context().clearCookies()
    await registerMember(page)
  }
  await page.context().clearCookies()
  await page.goto('/register')
  await page.getByLabel('显示名称').fill('第四个账户')
  await page.getByLabel('邮箱').fill(`one-too-many-${Date.now()}@example.test`)
  await page.getByLabel('密码', { exact: true }).fill('a perfectly fine passphrase')
  await page.getByRole('button', { name: '注册' }).click()
  await expect(formAlert(page, '注册')).toHaveText('注册过于频繁，请在 24 小时后重试')
})

test('an address in ADMIN_EMAILS becomes an admin once verified, in any letter case; seeded roles show on the account page', async ({
  page,
  registerMember,
  signedInAs,
}) => {
  // Registering the address proves nothing: whoever does it first stays a member until the mailed link is opened.
  const member = await registerMember(page, { email: adminEmailForRegistration.toUpperCase() })
  await page.goto('/account')
  await expect(page.getByRole('definition').nth(1)).toHaveText('成员')
  const mail = await waitForMail(member.email, '请验证你在 格物志 的邮箱')
  await page.goto(sitePathIn(mail, '/verify-email'))
  await page.getByRole('button', { name: '验证邮箱' }).click()
  await expect(page.getByRole('main').getByRole('status')).toHaveText(`邮箱 ${member.email} 已验证，现在可以发表评论了。`)
  await page.goto('/account')
  await expect(page.getByRole('definition').nth(1)).toHaveText('管理员')

  const editorPage = await signedInAs('editor')
  await editorPage.goto('/account')
  await expect(editorPage.getByText(testUsers.editor.email)).toBeVisible()
  await expect(editorPage.getByRole('definition').nth(1)).toHaveText('编辑')
})

test('a disabled member cannot sign in, even with the right password', async ({ page }) => {
  await signInThroughForm(page, testUsers.disabled)
  await expect(formAlert(page, '登录')).toHaveText(/该账户已被停用/)
})

test('after signing in, only paths on this site are followed', async ({ page }) => {
  for (const target of ['https://evil.example/steal', '//evil.example/steal', '/\\evil.example']) {
    await page.context().clearCookies()
    await page.goto(`/login?${new URLSearchParams({ callbackUrl: target })}`)
    await signInThroughForm(page, testUsers.member)
    await expect(page).toHaveURL('/')
    // Let the header's session request finish before the next round clears cookies.
    await expect(accountMenu(page).getByText(testUsers.member.name)).toBeVisible()
  }
})

test('a visitor sent from /account to sign in comes back to /account', async ({ page }) => {
  await page.goto('/account')
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/)
  await signInThroughForm(page, testUsers.member)
  await expect(page).toHaveURL('/account')
  await expect(page.getByText(testUsers.member.email)).toBeVisible()
})

test('the session cookie is HttpOnly and SameSite=Lax', async ({ signedInAs }) => {
  const page = await signedInAs('member')
  await page.goto('/')
  await expect(accountMenu(page).getByText(testUsers.member.name)).toBeVisible()
  const cookies = await page.context().cookies()
  const session = cookies.find((cookie) => cookie.name.endsWith('next-auth.session-token'))
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
  // The e2e server is http://localhost; with an https SITE_URL the cookie is also Secure.
  expect(session?.secure).toBe(false)
})

test("next-auth's own credentials endpoint checks passwords the same way", async ({ request }) => {
  const signIn = async (password: string) => {
    const { csrfToken } = await (await request.get('/api/auth/csrf')).json()
    const response = await request.post('/api/auth/callback/credentials', {
      form: { csrfToken, email: testUsers.editor.email, password, json: 'true' },
    })
    return new URL((await response.json()).url, 'http://localhost').searchParams.get('error')
  }
  expect(await signIn('not the editor password')).toBe('CredentialsSignin')
  expect(await (await request.get('/api/auth/session')).json()).toEqual({})
  expect(await signIn(testUsers.editor.password)).toBeNull()
  expect(await (await request.get('/api/auth/session')).json()).toMatchObject({
    user: { name: testUsers.editor.name, role: 'editor' },
  })
})
