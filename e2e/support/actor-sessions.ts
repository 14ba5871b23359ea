import { encode } from 'next-auth/jwt'
import { expect, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test'
import type { Actor } from '@/lib/auth/permissions'
import { addressFor } from './fixtures'
import { actionOutcome, callServerAction, serverActionId } from './server-actions'
import { e2eAuthSecret, testUsers } from './users'

/**
 * An HTTP client (no browser) for each actor of lib/auth/permissions.ts, for
 * calling pages and server actions the way a script would:
 * - guest: no cookie;
 * - member, editor, admin: signed in through the sign-in action itself;
 * - disabled: the seeded disabled member cannot sign in, so their token is
 *   minted with the server's secret, as if issued before the account was
 *   disabled (current session version): the server must refuse it by the
 *   account's state, not by the token.
 * Each client comes from an address of its own (X-Forwarded-For).
 */

const SESSION_COOKIE = 'next-auth.session-token'

type Playwright = PlaywrightWorkerArgs['playwright']

async function newClient(playwright: Playwright, baseURL: string, seed: string): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': addressFor(seed) } })
}

/** A client signed in through the sign-in action, as a script would. */
export async function signedInClient(playwright: Playwright, baseURL: string, user: { email: string; password: string }, seed: string) {
  const client = await newClient(playwright, baseURL, seed)
  const { text } = await callServerAction(client, baseURL, {
    path: '/login',
    actionId: serverActionId('app/(account)/login/actions.ts', 'signInAction'),
    fields: { email: user.email, password: user.password, callbackUrl: '/' },
  })
  // A successful sign-in redirects instead of returning a result.
  expect(actionOutcome(text), `signing in as ${user.email}`).toEqual({ ok: null, error: null })
  return client
}

/** The id of a seeded member, as the admin's member directory shows it. */
async function memberId(admin: APIRequestContext, email: string): Promise<string> {
  const html = await (await admin.get(`/admin/members?q=${encodeURIComponent(email)}`)).text()
  const ids = [...html.matchAll(/name="id" value="([0-9a-f-]{36})"/g)].map((match) => match[1]!)
  expect(new Set(ids).size, `members matching ${email}`).toBe(1)
  return ids[0]!
}

async function disabledClient(playwright: Playwright, baseURL: string, admin: APIRequestContext, seed: string) {
  const { email, name } = testUsers.disabled
  const token = await encode({ token: { sub: await memberId(admin, email), sv: 0, name, role: 'member' }, secret: e2eAuthSecret })
  return playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { 'x-forwarded-for': addressFor(seed) },
    storageState: {
      cookies: [{ name: SESSION_COOKIE, value: token, domain: 'localhost', path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' }],
      origins: [],
    },
  })
}

export type ActorClients = Record<Actor, APIRequestContext>

/** One client per actor, each checked to be who it claims (by /api/auth/session, or the disabled member's refusal). */
export async function clientsForEveryActor(playwright: Playwright, baseURL: string, seed: string): Promise<ActorClients> {
  const guest = await newClient(playwright, baseURL, `${seed}#guest`)
  const member = await signedInClient(playwright, baseURL, testUsers.member, `${seed}#member`)
  const editor = await signedInClient(playwright, baseURL, testUsers.editor, `${seed}#editor`)
  const admin = await signedInClient(playwright, baseURL, testUsers.admin, `${seed}#admin`)
  const disabled = await disabledClient(playwright, baseURL, admin, `${seed}#disabled`)
  const clients: ActorClients = { guest, member, editor, admin, disabled }
  for (const role of ['member', 'editor', 'admin'] as const) {
    expect(await (await clients[role].get('/api/auth/session')).json()).toMatchObject({ user: { name: testUsers[role].name, role } })
  }
  expect(await (await guest.get('/api/auth/session')).json()).toEqual({})
  return clients
}

export async function disposeClients(clients: Partial<ActorClients>): Promise<void> {
  await Promise.all(Object.values(clients).map((client) => client.dispose()))
}
