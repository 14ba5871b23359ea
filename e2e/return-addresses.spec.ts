import { randomBytes } from 'node:crypto'
import type { APIRequestContext } from '@playwright/test'
import { hostileReturnAddresses } from '@/tests/support/hostile-return-addresses'
import { signedInClient } from './support/actor-sessions'
import { addressFor, expect, test } from './support/fixtures'
import { actionOutcome, callServerAction, serverActionId } from './support/server-actions'
import { testUsers } from './support/users'

/**
 * Every place that follows a `callbackUrl`, fed the table of hostile return
 * addresses (tests/support/hostile-return-addresses.ts): each must end on this
 * site's home page, never on `//evil.example` or another origin. The function
 * that decides is tested on its own in tests/unit/callback-url.test.ts; this
 * spec proves every entry point goes through it.
 */

test.describe.configure({ timeout: 120_000 })

const port = process.env.E2E_PORT ?? '3100'
const hostile = hostileReturnAddresses(`http://localhost:${port}`)

/** A client with next-auth's CSRF cookie, and the token that goes with it. */
async function withCsrfToken(request: APIRequestContext): Promise<string> {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string }
  return csrfToken
}

test('a signed-in member opening /login or /register with a hostile callbackUrl is sent home', async ({ playwright, baseURL }, testInfo) => {
  const member = await signedInClient(playwright, baseURL!, testUsers.member, testInfo.testId)
  try {
    for (const page of ['/login', '/register']) {
      for (const target of hostile) {
        const response = await member.get(`${page}?${new URLSearchParams({ callbackUrl: target })}`, { maxRedirects: 0 })
        expect(response.status(), `${page} ${JSON.stringify(target)}`).toBe(307)
        expect(response.headers().location, `${page} ${JSON.stringify(target)}`).toBe('/')
      }
    }
  } finally {
    await member.dispose()
  }
})

test('the sign-in action redirects home whatever callbackUrl the form carries', async ({ request, baseURL }) => {
  for (const target of hostile) {
    const { text, headers } = await callServerAction(request, baseURL!, {
      path: '/login',
      actionId: serverActionId('app/(account)/login/actions.ts', 'signInAction'),
      fields: { email: testUsers.member.email, password: testUsers.member.password, callbackUrl: target },
    })
    expect(actionOutcome(text), JSON.stringify(target)).toEqual({ ok: null, error: null })
    expect(headers['x-action-redirect'], JSON.stringify(target)).toBe('/;push')
  }
})

test('the registration action redirects home whatever callbackUrl the form carries', async ({ playwright, baseURL }, testInfo) => {
  for (const [index, target] of hostile.entries()) {
    const tag = `${randomBytes(4).toString('hex')}-${index}`
    // A visitor each time (registering signs in), from an address of its own (three registrations a day per address).
    const visitor = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': addressFor(`${testInfo.testId}#${index}`) } })
    try {
      const { text, headers } = await callServerAction(visitor, baseURL!, {
        path: '/register',
        actionId: serverActionId('app/(account)/register/actions.ts', 'registerAction'),
        fields: { name: `回跳测试 ${tag}`, email: `return-${tag}@example.test`, password: `a long passphrase ${tag}`, callbackUrl: target },
      })
      expect(actionOutcome(text), JSON.stringify(target)).toEqual({ ok: null, error: null })
      expect(headers['x-action-redirect'], JSON.stringify(target)).toBe('/;push')
    } finally {
      await visitor.dispose()
    }
  }
})

test("next-auth's credentials callback answers with this site's home page", async ({ request, baseURL }) => {
  const csrfToken = await withCsrfToken(request)
  for (const target of hostile) {
    const response = await request.post('/api/auth/callback/credentials', {
      form: { email: testUsers.member.email, password: testUsers.member.password, csrfToken, callbackUrl: target, json: 'true' },
      maxRedirects: 0,
    })
    expect(response.status(), JSON.stringify(target)).toBe(200)
    expect(await response.json(), JSON.stringify(target)).toEqual({ url: `${baseURL}/` })
  }
})

test("next-auth's sign-out sends the browser home, from the form field, the query or its callback cookie", async ({ request, baseURL }) => {
  const csrfToken = await withCsrfToken(request)
  for (const target of hostile) {
    const fromField = await request.post('/api/auth/signout', { form: { csrfToken, callbackUrl: target }, maxRedirects: 0 })
    expect(fromField.status(), JSON.stringify(target)).toBe(302)
    expect(fromField.headers().location, JSON.stringify(target)).toBe(`${baseURL}/`)

    const fromQuery = await request.post(`/api/auth/signout?${new URLSearchParams({ callbackUrl: target })}`, { form: { csrfToken }, maxRedirects: 0 })
    expect(fromQuery.status(), JSON.stringify(target)).toBe(302)
    expect(fromQuery.headers().location, JSON.stringify(target)).toBe(`${baseURL}/`)

    // Without either, next-auth falls back to its callback cookie, which a page on a sibling subdomain could set.
    // One next-auth cannot even parse is refused and cleared; any other ends at home too.
    const fromCookie = await request.post('/api/auth/signout', {
      form: { csrfToken },
      headers: { cookie: `${await csrfCookie(request)}; next-auth.callback-url=${encodeURIComponent(target)}` },
      maxRedirects: 0,
    })
    const answer =
      fromCookie.status() === 400
        ? `400 ${JSON.stringify(await fromCookie.json())} ${fromCookie.headers()['set-cookie']}`
        : `${fromCookie.status()} ${fromCookie.headers().location}`
    expect([`302 ${baseURL}/`, '400 {"error":"登录后返回的地址无效，已清除，请重试"} next-auth.callback-url=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax'], JSON.stringify(target)).toContain(answer)
  }
})

test("next-auth's sign-in page hands /login this site's home page as the return address", async ({ request, baseURL }) => {
  for (const target of hostile) {
    const response = await request.get(`/api/auth/signin?${new URLSearchParams({ callbackUrl: target })}`, { maxRedirects: 0 })
    expect(response.status(), JSON.stringify(target)).toBe(302)
    expect(response.headers().location, JSON.stringify(target)).toBe(`/login?callbackUrl=${encodeURIComponent(`${baseURL}/`)}`)
  }
})

test('Chromium, signed in, follows /login?callbackUrl=%2F..%2F%2Fevil.example to this site only', async ({ signedInAs, baseURL }) => {
  const page = await signedInAs('member')
  // Were the redirect to leave, goto would fail on evil.example's name (routes do not see redirected requests).
  for (const target of ['/..//evil.example', '/.//evil.example', '/a/..//evil.example', '/%2e//evil.example']) {
    await page.goto(`/login?${new URLSearchParams({ callbackUrl: target })}`)
    await expect(page, target).toHaveURL(`${baseURL}/`)
  }
})

/** The CSRF cookie the client holds, as a `name=value` pair for a hand-written Cookie header. */
async function csrfCookie(request: APIRequestContext): Promise<string> {
  const { cookies } = await request.storageState()
  const csrf = cookies.find((cookie) => cookie.name === 'next-auth.csrf-token')
  if (!csrf) throw new Error('no next-auth.csrf-token cookie: fetch /api/auth/csrf first')
  return `${csrf.name}=${csrf.value}`
}
