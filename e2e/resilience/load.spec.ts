import autocannon from 'autocannon'
import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test'
import type { CommentsPageData, CommentView } from '@/lib/comments/types'
import type { AppServer } from '../support/app-server'
import { publishedPosts } from '../support/content'
import { startThrowawaySite, type ThrowawaySite } from '../support/throwaway-site'
import { addressFor } from '../support/fixtures'
import { actionOutcome, callServerAction, serverActionId } from '../support/server-actions'
import { flattenComments } from '@/tests/support/comment-tree'

/**
 * Readers and writers at once, on PostgreSQL (a throwaway cluster of this
 * test's own): 50 concurrent readers fetch article pages for 30 seconds while
 * 20 members post comments at the pace the posting limit allows. No reader may
 * see an error, and every comment the site said it stored must be stored and
 * shown, once.
 */
test.describe.configure({ mode: 'serial' })

const READERS = 50
const WRITERS = 20
const SECONDS = 30
// Well over the one-comment-per-10-seconds limit: under this load a post can take
// seconds, and the limit counts from when the server handles it.
const POST_INTERVAL_MS = 15_000
// A connection per request: one kept alive between posts idles past Node's 5 s
// keep-alive timeout, and reusing it races the server closing it (ECONNRESET).
const FRESH_CONNECTION = { connection: 'close' }

let site: ThrowawaySite
let app: AppServer
const posts = publishedPosts()
const target = posts[1]!

test.beforeAll(async () => {
  site = await startThrowawaySite(1)
  app = site.app
})

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(`server output:\n${app?.output().slice(-4000)}`)
})

test.afterAll(async () => {
  await site?.dispose()
})

async function registeredMember(playwright: PlaywrightWorkerArgs['playwright'], index: number, run: string): Promise<APIRequestContext> {
  const seed = `load-${run}-${index}`
  const client = await playwright.request.newContext({ baseURL: app.url, extraHTTPHeaders: { 'x-forwarded-for': addressFor(seed) } })
  const { text } = await callServerAction(client, app.url, {
    path: '/register',
    actionId: serverActionId('app/(account)/register/actions.ts', 'registerAction'),
    fields: { name: `读者${index}`, email: `${seed}@example.test`, password: 'a long passphrase for load tests', callbackUrl: '/' },
    headers: FRESH_CONNECTION,
  })
  // Registering signs the member in and redirects.
  expect(actionOutcome(text), `registering member ${index}`).toEqual({ ok: null, error: null })
  // A new member may comment once the address is verified: open the link the
  // site mailed (no SMTP_URL here, so the outbox folder's log line carries it).
  const token = await verificationToken(`${seed}@example.test`)
  const verified = await callServerAction(client, app.url, {
    path: `/verify-email?token=${token}`,
    actionId: serverActionId('app/(account)/verify-email/actions.ts', 'verifyEmailAction'),
    fields: { token },
    headers: FRESH_CONNECTION,
  })
  expect(actionOutcome(verified.text), `verifying member ${index}`).toEqual({ ok: true, error: null })
  return client
}

/** The token of the verification link the site logged for `address` (waits for the delivery loop). */
async function verificationToken(address: string): Promise<string> {
  let token: string | undefined
  await expect
    .poll(
      () => {
        for (const line of app.output().split('\n')) {
          if (!line.includes(`"to":"${address}"`)) continue
          token = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(line)?.[1] ?? token
        }
        return token
      },
      { timeout: 30_000, message: `verification mail to ${address}` },
    )
    .toBeTruthy()
  return token!
}

async function everyComment(slug: string): Promise<CommentView[]> {
  const all: CommentView[] = []
  for (let page = 1; ; page++) {
    const response = await fetch(`${app.url}/api/comments?post=${slug}&page=${page}`)
    expect(response.status).toBe(200)
    const data = (await response.json()) as CommentsPageData
    all.push(...flattenComments(data.comments))
    if (page >= data.pages) return all
  }
}

test(`${READERS} readers for ${SECONDS} s and ${WRITERS} members posting: no errors, every accepted comment stored once`, async ({ playwright }) => {
  test.setTimeout(4 * 60_000)
  const run = Date.now().toString(36)
  const members = await Promise.all(Array.from({ length: WRITERS }, (_, i) => registeredMember(playwright, i, run)))
  const createId = serverActionId('app/(site)/archives/[slug]/actions.ts', 'createCommentAction')

  const readers = autocannon({
    url: app.url,
    connections: READERS,
    duration: SECONDS,
    requests: posts.slice(0, 5).map((post) => ({ method: 'GET', path: `/archives/${post.slug}` })),
  })

  const submitted: string[] = []
  const outcomes: { ok: boolean | null; error: string | null; status: number }[] = []
  const deadline = Date.now() + SECONDS * 1000
  await Promise.all(
    members.map(async (client, m) => {
      // Spread the writers over five seconds so they do not all hit at once.
      await new Promise((resolve) => setTimeout(resolve, (m * 5000) / WRITERS))
      for (let i = 0; Date.now() < deadline; i++) {
        const marker = `load-${run}-m${m}-c${i}`
        const { status, text } = await callServerAction(client, app.url, {
          path: `/archives/${target.slug}`,
          actionId: createId,
          fields: { post: target.slug, body: `负载测试 ${marker}：$x_${i}^2$`, idempotencyKey: `${marker}-key-0000`, website: '' },
          headers: FRESH_CONNECTION,
        })
        const outcome = actionOutcome(text)
        outcomes.push({ ...outcome, status })
        if (outcome.ok) submitted.push(marker)
        await new Promise((resolve) => setTimeout(resolve, POST_INTERVAL_MS))
      }
    }),
  )
  const reading = await readers
  for (const client of members) await client.dispose()

  console.log(
    `readers: ${reading.requests.total} requests, ${Math.round(reading.requests.average)} req/s, p99 ${reading.latency.p99} ms; ` +
      `writers: ${outcomes.length} posts, ${submitted.length} accepted`,
  )
  expect(reading.requests.total).toBeGreaterThan(READERS * SECONDS)
  expect(reading.errors + reading.timeouts, 'reader errors and timeouts').toBe(0)
  expect(reading.non2xx, 'reader responses other than 2xx').toBe(0)
  expect(outcomes.filter((o) => o.status !== 200 || !o.ok), 'refused or failed posts').toEqual([])
  expect(submitted.length).toBeGreaterThanOrEqual(WRITERS * 2)

  const shown = (await everyComment(target.slug)).map((comment) => /load-[a-z0-9]+-m\d+-c\d+/.exec(comment.bodyHtml ?? '')?.[0]).filter(Boolean)
  expect(shown.filter((marker) => marker!.startsWith(`load-${run}-`)).sort(), 'comments shown = comments accepted, once each').toEqual([...submitted].sort())
})
