import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { test as base, expect, type Browser, type Page } from '@playwright/test'
import { encode } from 'next-auth/jwt'
import { e2eAuthSecret, memberPool, testUsers, type SignedInRole } from './users'

/**
 * Playwright's `test` with account fixtures. Import `test` and `expect` from
 * here in every spec that needs members:
 *
 *   test('an editor sees the moderation queue', async ({ signedInAs }) => {
 *     const page = await signedInAs('editor')
 *     …
 *   })
 *
 * - `clientIp`: each test is its own client (a made-up address sent as
 *   X-Forwarded-For), so IP-based limits of one test never affect another.
 * - `signedInAs(role)`: a new page signed in as the seeded member, editor or
 *   admin. Signs in once per worker and role, then reuses the storage state.
 * - `registerMember(page)`: registers a fresh member through /register and leaves
 *   `page` signed in; for tests that change or delete an account. Their address
 *   is not verified: they cannot comment until they open the mailed link.
 * - `verifiedMember(page)`: a member nobody else uses, created verified in the
 *   database before the run (e2e/support/users.ts, `memberPool`), signed in on
 *   `page` with a session cookie minted as the site mints it (no form, no
 *   password hashing); for tests that need members who comment.
 */

export interface TestMember {
  name: string
  email: string
  password: string
}

interface Fixtures {
  clientIp: string
  signedInAs: (role: SignedInRole) => Promise<Page>
  registerMember: (page: Page, overrides?: Partial<TestMember>) => Promise<TestMember>
  verifiedMember: (page: Page) => Promise<TestMember>
}

interface WorkerFixtures {
  storageStateFor: (role: SignedInRole) => Promise<string>
}

/** An address in 198.18.0.0/15 (reserved for benchmarks) derived from `seed`. */
export function addressFor(seed: string): string {
  const [a = 0, b = 0, c = 0] = createHash('sha256').update(seed).digest()
  return `198.${18 + (a % 2)}.${b}.${1 + (c % 254)}`
}

/**
 * Submits the /login form (opening /login first unless already there) and waits
 * until the server has answered and the form is idle again, so that the next
 * step sees this attempt's outcome and not the previous one's.
 */
export async function signInThroughForm(page: Page, credentials: { email: string; password: string }): Promise<void> {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/login')) await page.goto('/login')
  const form = page.getByRole('form', { name: '登录' })
  await form.getByLabel('邮箱').fill(credentials.email)
  await form.getByLabel('密码', { exact: true }).fill(credentials.password)
  const answered = page.waitForResponse(
    (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/login',
  )
  await form.getByRole('button', { name: '登录' }).click()
  await answered
  await expect(page.getByRole('button', { name: '正在登录…' })).toHaveCount(0)
}

/** The message of a form (not Next.js's route announcer, which is an alert too). */
export function formAlert(page: Page, formName: string) {
  return page.getByRole('form', { name: formName }).getByRole('alert')
}

export function accountMenu(page: Page) {
  return page.getByRole('navigation', { name: '账户' })
}

async function createStorageState(browser: Browser, baseURL: string, role: SignedInRole, file: string): Promise<string> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': addressFor(file) } })
  try {
    const page = await context.newPage()
    const user = testUsers[role]
    await signInThroughForm(page, user)
    await expect(accountMenu(page).getByText(user.name)).toBeVisible()
    fs.mkdirSync(path.dirname(file), { recursive: true })
    await context.storageState({ path: file })
    return file
  } finally {
    await context.close()
  }
}

let registered = 0

/**
 * Claims a pool member no other test of this run has had: the claim is a file
 * created exclusively, so parallel workers never get the same one. Playwright
 * empties the output folder at the start of every run, as the server starts
 * on a fresh database.
 */
function claimPoolMember(outputDir: string): TestMember & { index: number } {
  const dir = path.join(outputDir, '.member-pool')
  fs.mkdirSync(dir, { recursive: true })
  for (let index = 0; index < memberPool.size; index++) {
    try {
      fs.writeFileSync(path.join(dir, String(index)), '', { flag: 'wx' })
    } catch {
      continue
    }
    return { index, name: memberPool.name(index), email: memberPool.email(index), password: memberPool.password }
  }
  throw new Error(`all ${memberPool.size} pool members are taken: raise memberPool.size in e2e/support/users.ts`)
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  clientIp: async ({}, use, testInfo) => {
    await use(addressFor(`${testInfo.testId}#${testInfo.repeatEachIndex}#${testInfo.retry}`))
  },

  extraHTTPHeaders: async ({ extraHTTPHeaders, clientIp }, use) => {
    await use({ ...extraHTTPHeaders, 'x-forwarded-for': clientIp })
  },

  storageStateFor: [
    async ({ browser }, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL
      if (!baseURL) throw new Error('signedInAs needs `use.baseURL` in playwright.config.ts')
      const states = new Map<SignedInRole, Promise<string>>()
      await use((role) => {
        let state = states.get(role)
        if (!state) {
          const file = path.join(workerInfo.project.outputDir, '.auth', `${role}-worker${workerInfo.workerIndex}.json`)
          state = createStorageState(browser, baseURL, role, file)
          states.set(role, state)
        }
        return state
      })
    },
    { scope: 'worker' },
  ],

  signedInAs: async ({ browser, baseURL, clientIp, storageStateFor }, use) => {
    const contexts: Awaited<ReturnType<Browser['newContext']>>[] = []
    await use(async (role) => {
      const context = await browser.newContext({
        baseURL,
        locale: 'zh-CN',
        storageState: await storageStateFor(role),
        extraHTTPHeaders: { 'x-forwarded-for': clientIp },
      })
      contexts.push(context)
      return context.newPage()
    })
    await Promise.all(contexts.map((context) => context.close()))
  },

  registerMember: async ({}, use, testInfo) => {
    await use(async (page, overrides = {}) => {
      registered += 1
      const tag = `${testInfo.workerIndex}-${registered}-${randomBytes(3).toString('hex')}`
      const member: TestMember = {
        name: `测试用户 ${tag}`,
        email: `member-${tag}@example.test`,
        password: `a long passphrase ${tag}`,
        ...overrides,
      }
      if (!new URL(page.url(), 'http://x').pathname.startsWith('/register')) await page.goto('/register')
      await page.getByLabel('显示名称').fill(member.name)
      await page.getByLabel('邮箱').fill(member.email)
      await page.getByLabel('密码', { exact: true }).fill(member.password)
      await page.getByRole('button', { name: '注册' }).click()
      await expect(accountMenu(page).getByText(member.name)).toBeVisible()
      return member
    })
  },

  verifiedMember: async ({ baseURL }, use, testInfo) => {
    await use(async (page) => {
      const { index, ...member } = claimPoolMember(testInfo.project.outputDir)
      // A stored session, as the site issues it: signing in through the form is
      // what the sign-in tests check, not something every commenter must repeat.
      const token = await encode({
        token: { sub: memberPool.id(index), sv: 0, name: member.name, role: 'member' },
        secret: e2eAuthSecret,
        maxAge: 24 * 60 * 60,
      })
      await page.context().addCookies([{ name: 'next-auth.session-token', value: token, url: baseURL!, httpOnly: true, sameSite: 'Lax' }])
      await page.goto('/')
      await expect(accountMenu(page).getByText(member.name)).toBeVisible()
      return member
    })
  },
})

export { expect }

/**
 * Waits until the page has loaded, its network has been quiet (Playwright's
 * `networkidle`: no request for 500 ms, so late chunks such as prefetched route
 * code have arrived and run), and one more task has run after that. For tests
 * that check something did *not* happen (a dialog, a CSP report) without
 * sleeping for a guessed time.
 */
export async function pageSettled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  await page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
}
