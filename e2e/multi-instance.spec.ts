import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import postgres from 'postgres'
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database'
import { SmtpCatcher } from '@/tests/support/smtp-catcher'
import { ThrowawayPostgres } from '@/tests/support/throwaway-postgres'
import { randomBytes } from 'node:crypto'
import type { CommentsPageData } from '@/lib/comments/types'
import { clientsForEveryActor, disposeClients } from './support/actor-sessions'
import { publishedPosts } from './support/content'
import { accountMenu, expect, formAlert, signInThroughForm, test } from './support/fixtures'
import { actionOutcome, callServerAction, serverActionId } from './support/server-actions'
import { memberPool, testUsers } from './support/users'
import { flattenComments } from '@/tests/support/comment-tree'

/**
 * Two `next start` processes on different ports, one PostgreSQL: what a
 * deployment behind a load balancer looks like. Sessions and abuse limits must
 * hold whichever instance a request reaches.
 *
 * Each test acts on `first` and checks on `second` (or alternates), as its own
 * client (`clientIp`), with the seeded users or members it registers itself.
 * Anything else kept in the database belongs here too, as one more test in
 * the describe block below: e.g. a comment posted or moderated on one instance
 * and read through the other.
 *
 * PGlite cannot be shared between processes, so this needs a PostgreSQL server:
 * DATABASE_URL when it is set (CI's PostgreSQL pass), otherwise the local server
 * at postgres://postgres@127.0.0.1:5432/test when it answers, otherwise a
 * throwaway cluster of the spec's own (initdb into a temporary folder). It never
 * skips: a machine without PostgreSQL's binaries fails here, saying so.
 */
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test'

async function findPostgres(): Promise<string | undefined> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL
  const client = postgres(LOCAL_POSTGRES, { max: 1, connect_timeout: 3, onnotice: () => {} })
  try {
    await client`select 1`
    return LOCAL_POSTGRES
  } catch {
    return undefined
  } finally {
    await client.end({ timeout: 1 })
  }
}

const e2ePort = Number(process.env.E2E_PORT ?? 3100)
const ports = [e2ePort + 10, e2ePort + 11] as const
const [first, second] = ports.map((port) => `http://localhost:${port}`)
const INVALID_CREDENTIALS = '邮箱或密码不正确'

function startInstance(port: number, databaseUrl: string, smtpUrl: string): ChildProcess {
  const siteUrl = `http://localhost:${e2ePort}`
  return spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '--port', String(port), '--hostname', 'localhost'], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: databaseUrl,
      // Like every real multi-instance deployment: one secret and one public origin for all.
      AUTH_SECRET: 'multi-instance-secret-shared-by-both-servers',
      SITE_URL: siteUrl,
      NEXTAUTH_URL: siteUrl,
      // One mail server for both: each message in the shared outbox must reach it once.
      SMTP_URL: smtpUrl,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

async function waitUntilHealthy(origin: string): Promise<void> {
  await expect
    .poll(() => fetch(`${origin}/api/health`).then((response) => response.status, () => 0), { timeout: 60_000 })
    .toBe(200)
}

test.describe('two next start instances sharing one PostgreSQL', () => {
  test.describe.configure({ mode: 'serial' })

  let throwaway: ThrowawayPostgres | undefined
  let database: TestDatabase | undefined
  const servers: ChildProcess[] = []
  const catcher = new SmtpCatcher()

  test.beforeAll(async () => {
    test.setTimeout(180_000)
    if (!first || !second) throw new Error('no ports for the two instances')
    let baseDatabaseUrl = await findPostgres()
    if (!baseDatabaseUrl) {
      throwaway = new ThrowawayPostgres(e2ePort + 40_030 > 65_000 ? 55_462 : e2ePort + 40_030)
      await throwaway.start()
      baseDatabaseUrl = throwaway.url
    }
    database = await createTestDatabase({ baseUrl: baseDatabaseUrl, label: 'multi' })
    const databaseUrl = database.env.DATABASE_URL
    if (!databaseUrl) throw new Error('expected a PostgreSQL test database')
    console.log(`[multi-instance] ${ports.join(' and ')} on ${new URL(databaseUrl).pathname.slice(1)}`)
    const prepared = spawnSync(
      path.join('node_modules', '.bin', 'tsx'),
      ['--conditions=react-server', 'e2e/support/prepare-database.ts', databaseUrl],
      { encoding: 'utf8', timeout: 120_000 },
    )
    if (prepared.status !== 0) throw new Error(`preparing the database failed:\n${prepared.stderr}`)
    await catcher.start(0)
    servers.push(...ports.map((port) => startInstance(port, databaseUrl, catcher.url)))
    await Promise.all([first, second].map(waitUntilHealthy))
  })

  test.afterAll(async () => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            if (server.exitCode !== null) return resolve()
            server.once('exit', () => resolve())
            server.kill('SIGTERM')
          }),
      ),
    )
    await catcher.stop()
    await database?.dispose()
    await throwaway?.destroy()
  })

  test('a session created on one instance is accepted by the other', async ({ browser, clientIp }) => {
    const headers = { 'x-forwarded-for': clientIp }
    const signingIn = await browser.newContext({ extraHTTPHeaders: headers })
    const page = await signingIn.newPage()
    await page.goto(`${first}/login`)
    await signInThroughForm(page, testUsers.member)
    await expect(accountMenu(page).getByText(testUsers.member.name)).toBeVisible()

    // A client that carries nothing but that cookie, talking to the other instance.
    const cookies = (await signingIn.cookies(first)).filter((cookie) => cookie.name.endsWith('session-token'))
    expect(cookies).toHaveLength(1)
    const elsewhere = await browser.newContext({ extraHTTPHeaders: headers })
    await elsewhere.addCookies(cookies)
    const session = await (await elsewhere.request.get(`${second}/api/auth/session`)).json()
    expect(session).toMatchObject({ user: { name: testUsers.member.name, role: 'member' } })
    const account = await elsewhere.newPage()
    await account.goto(`${second}/account`)
    await expect(account.getByText(testUsers.member.email)).toBeVisible()

    await Promise.all([signingIn.close(), elsewhere.close()])
  })

  test('a password changed on one instance ends the sessions the other instance accepted', async ({ browser, clientIp, registerMember }) => {
    const headers = { 'x-forwarded-for': clientIp }
    const changing = await browser.newContext({ extraHTTPHeaders: headers })
    const page = await changing.newPage()
    await page.goto(`${first}/register`)
    const member = await registerMember(page)
    const cookies = (await changing.cookies(first)).filter((cookie) => cookie.name.endsWith('session-token'))
    const elsewhere = await browser.newContext({ extraHTTPHeaders: headers })
    await elsewhere.addCookies(cookies)
    expect(await (await elsewhere.request.get(`${second}/api/auth/session`)).json()).toMatchObject({ user: { name: member.name } })

    await page.goto(`${first}/account`)
    const form = page.getByRole('form', { name: '修改密码' })
    await form.getByLabel('当前密码').fill(member.password)
    await form.getByLabel('新密码').fill(`${member.password} but newer`)
    await form.getByRole('button', { name: '修改密码' }).click()
    await expect(form.getByRole('status')).toContainText('密码已更新')

    // The session version lives in the database: the other instance refuses the old cookie at once.
    expect(await (await elsewhere.request.get(`${second}/api/auth/session`)).json()).toEqual({})
    // The browser that changed it stays signed in, on either instance.
    expect(await (await changing.request.get(`${second}/api/auth/session`)).json()).toMatchObject({ user: { name: member.name } })
    await Promise.all([changing.close(), elsewhere.close()])
  })

  test('a comment posted on one instance is shown, limited and moderated on the other', async ({ playwright }) => {
    const clients = await clientsForEveryActor(playwright, first!, `multi-instance-comments-${Date.now()}`)
    const slug = publishedPosts()[2]!.slug
    const action = (name: string) => serverActionId('app/(site)/archives/[slug]/actions.ts', name)
    const post = (origin: string, body: string) =>
      callServerAction(clients.member, origin, {
        path: `${origin}/archives/${slug}`,
        actionId: action('createCommentAction'),
        fields: { post: slug, body, idempotencyKey: randomBytes(12).toString('hex'), website: '' },
      })
    const shownOn = async (origin: string, client = clients.guest) => {
      const data = (await (await client.get(`${origin}/api/comments?post=${slug}`)).json()) as CommentsPageData
      return flattenComments(data.comments)
    }

    const marker = `两个实例 ${randomBytes(4).toString('hex')}`
    expect(actionOutcome((await post(first!, `${marker}：$e^{i\\pi}+1=0$`)).text)).toEqual({ ok: true, error: null })
    const comment = (await shownOn(second!)).find((view) => view.bodyHtml?.includes(marker))
    expect(comment, 'the comment posted on the first instance, read through the second').toBeDefined()
    expect(comment!.bodyHtml).toContain('<math')

    // The posting limit lives in the database: the other instance refuses the next comment at once.
    const again = actionOutcome((await post(second!, `${marker} 再来一条`)).text)
    expect(again.ok).toBe(false)
    expect(again.error).toMatch(/评论过于频繁/)

    // An editor hides it on the second instance; guests of the first no longer see it, the editor still does.
    const hidden = await callServerAction(clients.editor, second!, {
      path: `${second}/archives/${slug}`,
      actionId: action('setCommentHiddenAction'),
      fields: { id: String(comment!.id), hidden: 'true' },
    })
    expect(actionOutcome(hidden.text)).toEqual({ ok: true, error: null })
    expect((await shownOn(first!)).some((view) => view.id === comment!.id)).toBe(false)
    expect((await shownOn(first!, clients.editor)).find((view) => view.id === comment!.id)?.hidden).toBe(true)
    await disposeClients(clients)
  })

  test('failed sign-ins on both instances count toward one limit', async ({ browser, clientIp }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': clientIp } })
    const page = await context.newPage()
    // The README's promise: 8 failed sign-ins per account in 15 minutes, counted across instances.
    for (let failure = 0; failure < 8; failure++) {
      // Alternate: half the failures reach each instance.
      await page.goto(`${failure % 2 === 0 ? first : second}/login`)
      await signInThroughForm(page, { email: testUsers.editor.email, password: `wrong guess ${failure}` })
      await expect(formAlert(page, '登录')).toHaveText(INVALID_CREDENTIALS)
    }
    for (const origin of [first, second]) {
      await page.goto(`${origin}/login`)
      await signInThroughForm(page, testUsers.editor)
      await expect(formAlert(page, '登录')).toHaveText('失败次数过多，请在 15 分钟后重试')
    }
    await context.close()
  })

  test('mail queued through both instances is sent once, by whichever instance claims it', async ({ request }) => {
    const action = serverActionId('app/(account)/forgot-password/actions.ts', 'requestPasswordResetAction')
    // Pool members of this database (e2e/support/users.ts), each asking once, half of them on each instance.
    const members = Array.from({ length: 12 }, (_, offset) => memberPool.email(memberPool.size - 1 - offset))
    for (const [index, email] of members.entries()) {
      const origin = index % 2 === 0 ? first! : second!
      const result = await callServerAction(request, origin, {
        path: `${origin}/forgot-password`,
        actionId: action,
        fields: { email },
        headers: { 'x-forwarded-for': `198.18.200.${index + 1}` },
      })
      expect(actionOutcome(result.text)).toEqual({ ok: true, error: null })
    }
    const resets = () => catcher.messages.filter((mail) => mail.subject === '重设 格物志 的密码')
    await expect.poll(() => resets().length, { timeout: 30_000 }).toBe(members.length)
    // Once every row is marked sent no loop will claim it again: only then is "once" final.
    const sql = postgres(database!.env.DATABASE_URL!, { max: 1, onnotice: () => {} })
    try {
      await expect
        .poll(async () => (await sql`select count(*)::int as n from mail_outbox where kind = 'reset-password' and status <> 'sent'`)[0]!.n, { timeout: 30_000 })
        .toBe(0)
    } finally {
      await sql.end()
    }
    expect(resets().map((mail) => mail.envelopeTo[0]).sort()).toEqual([...members].sort())
    expect(new Set(resets().map((mail) => mail.messageId)).size).toBe(members.length)
  })
})
