import { createHash } from 'node:crypto'
import { hash as argon2Hash, verify } from '@node-rs/argon2'
import { eq, like } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { db } from '@/db'
import { auditLog, comments, feedbackMessages, oauthAccounts, rateLimitEvents, users } from '@/db/schema'
import {
  changeMemberPassword,
  deleteMember,
  findMemberByEmail,
  initialRoleFor,
  registerMember,
} from '@/lib/auth/members'
import { verifyEmailWithToken } from '@/lib/auth/email-links'
import { signInWithOAuth } from '@/lib/auth/oauth'
import { hashPassword } from '@/lib/auth/password-hash'
import { findSessionMember } from '@/lib/auth/session-member'
import { accountSubject, signInWithPassword } from '@/lib/auth/sign-in'
import { linkFromOutbox } from '@/tests/support/outbox'
import { announcedWaitSeconds, secondsSince } from '@/tests/support/retry-wait'

// The real Argon2, watched: which hash each sign-in is checked against.
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@node-rs/argon2')>()
  return { ...actual, verify: vi.fn(actual.verify) }
})

/** An Argon2id hash with the promised parameters: 19 MiB, 2 iterations, parallelism 1. */
const CURRENT_ARGON2ID = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/

let counter = 0
function uniqueEmail(label: string): string {
  counter += 1
  return `${label}-${counter}-${Date.now()}@example.com`
}

async function events(key: string): Promise<number> {
  return (await db.select({ id: rateLimitEvents.id }).from(rateLimitEvents).where(eq(rateLimitEvents.key, key))).length
}

// The keys failures are counted under, spelled out: a renamed rule would start every count from zero.
// An account is counted under the first 32 hex digits of the SHA-256 of its trimmed, lower-case email.
const accountFailures = (email: string) =>
  `signin-fail:account:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}`
const addressFailures = (ip: string) => `signin-fail:ip:${ip}`

describe('registration', () => {
  it('stores an Argon2id hash, never the password, and a member role', async () => {
    const email = uniqueEmail('new')
    const result = await registerMember({ name: '林析', email, password: 'tea and maths every day' })
    expect(result.ok).toBe(true)
    const stored = await findMemberByEmail(email.toUpperCase())
    expect(stored).toMatchObject({ name: '林析', email, role: 'member', sessionVersion: 0 })
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/)
    expect(stored?.passwordHash).not.toContain('tea and maths')
  })

  it('refuses a second account for the same email in any case', async () => {
    const email = uniqueEmail('twice')
    await registerMember({ name: 'A', email, password: 'tea and maths every day' })
    const again = await registerMember({ name: 'B', email: email.toUpperCase(), password: 'tea and maths every day' })
    expect(again).toEqual({ ok: false, reason: 'email-taken' })
  })

  it('promotes addresses listed in ADMIN_EMAILS, whatever their case', () => {
    expect(initialRoleFor(' Boss@Example.com ', ['boss@example.com'])).toBe('admin')
    expect(initialRoleFor('someone@example.com', ['boss@example.com'])).toBe('member')
  })
})

describe('signing in with a password', () => {
  it('lets the right password in and leaves no failure counted', async () => {
    const email = uniqueEmail('right')
    await registerMember({ name: 'Right', email, password: 'the right passphrase' })
    const result = await signInWithPassword({ email: ` ${email.toUpperCase()} `, password: 'the right passphrase', ip: '198.51.100.1' })
    expect(result).toMatchObject({ ok: true, member: { email } })
    expect(await events(accountFailures(email))).toBe(0)
    expect(await events(addressFailures('198.51.100.1'))).toBe(0)
  })

  it('answers a wrong password and an unknown email the same way, and counts both', async () => {
    const email = uniqueEmail('wrong')
    await registerMember({ name: 'Wrong', email, password: 'the right passphrase' })
    const wrongPassword = await signInWithPassword({ email, password: 'a wrong passphrase', ip: '198.51.100.2' })
    const unknownEmail = await signInWithPassword({ email: uniqueEmail('nobody'), password: 'a wrong passphrase', ip: '198.51.100.2' })
    expect(wrongPassword).toEqual({ ok: false, reason: 'invalid-credentials', message: '邮箱或密码不正确' })
    expect(unknownEmail).toEqual(wrongPassword)
    expect(await events(accountFailures(email))).toBe(1)
    expect(await events(addressFailures('198.51.100.2'))).toBe(2)
  })

  it('counts an account under one key however its email is typed, and no address in the key', async () => {
    const email = uniqueEmail('Typed')
    await registerMember({ name: 'Typed', email, password: 'the right passphrase' })
    await signInWithPassword({ email: `  ${email.toUpperCase()}\t`, password: 'wrong one', ip: '198.51.100.5' })
    await signInWithPassword({ email: email.toLowerCase(), password: 'wrong two', ip: '198.51.100.5' })
    expect(await events(accountFailures(email))).toBe(2)
    expect(accountSubject(` ${email.toUpperCase()} `)).toMatch(/^[0-9a-f]{32}$/)
    const keys = await db.select({ key: rateLimitEvents.key }).from(rateLimitEvents).where(like(rateLimitEvents.key, 'signin-fail:account:%'))
    expect(keys.map(({ key }) => key).filter((key) => key.includes('@'))).toEqual([])
  })

  it('rehashes a password stored with older parameters at the next sign-in, and only then', async () => {
    const email = uniqueEmail('old-hash')
    const old = await argon2Hash('the right passphrase', { memoryCost: 4096, timeCost: 3, parallelism: 1 })
    await db.insert(users).values({ email, name: 'Old', passwordHash: old })
    await signInWithPassword({ email, password: 'not the passphrase', ip: '198.51.100.6' })
    expect((await findMemberByEmail(email))!.passwordHash).toBe(old)
    expect(await signInWithPassword({ email, password: 'the right passphrase', ip: '198.51.100.6' })).toMatchObject({ ok: true })
    const renewed = (await findMemberByEmail(email))!.passwordHash!
    expect(renewed).toMatch(CURRENT_ARGON2ID)
    expect(await signInWithPassword({ email, password: 'the right passphrase', ip: '198.51.100.6' })).toMatchObject({ ok: true })
    expect((await findMemberByEmail(email))!.passwordHash).toBe(renewed)
  })

  it('checks an unknown email against a dummy hash, doing the work a wrong password costs', async () => {
    const email = uniqueEmail('known')
    await registerMember({ name: 'Known', email, password: 'the right passphrase' })
    const stored = (await findMemberByEmail(email))!.passwordHash
    vi.mocked(verify).mockClear()
    await signInWithPassword({ email, password: 'a wrong passphrase', ip: '198.51.100.4' })
    await signInWithPassword({ email: uniqueEmail('nobody'), password: 'a wrong passphrase', ip: '198.51.100.4' })
    const checkedAgainst = vi.mocked(verify).mock.calls.map(([hash]) => String(hash))
    expect(checkedAgainst).toHaveLength(2)
    expect(checkedAgainst[0]).toBe(stored)
    expect(checkedAgainst[1]).toMatch(CURRENT_ARGON2ID)
    expect(checkedAgainst[1]).not.toBe(stored)
  })

  it('locks an account after 8 failures in 15 minutes, even against the right password', async () => {
    const email = uniqueEmail('locked')
    await registerMember({ name: 'Locked', email, password: 'the right passphrase' })
    for (let failure = 0; failure < 8; failure++) {
      // A new address each time: the account limit alone must stop this.
      const result = await signInWithPassword({ email, password: `guess ${failure}`, ip: `198.51.100.${10 + failure}` })
      expect(result.ok).toBe(false)
    }
    // Within the limit the 8th guess was still checked (wrong), not refused.
    expect(await events(accountFailures(email))).toBe(8)
    const locked = await signInWithPassword({ email, password: 'the right passphrase', ip: '198.51.100.99' })
    expect(locked).toMatchObject({ ok: false, reason: 'rate-limited', message: '失败次数过多，请在 15 分钟后重试' })
    // The refused attempt did not use up the address's budget.
    expect(await events(addressFailures('198.51.100.99'))).toBe(0)
  })

  it('lets one client address fail 10 times a minute, across accounts, then refuses even the right password', async () => {
    const ip = '198.51.100.200'
    const started = performance.now()
    const owner = uniqueEmail('sprayed')
    await registerMember({ name: 'Sprayed', email: owner, password: 'the right passphrase' })
    // Ten accounts, one guess each: no account limit comes near, only the address's.
    for (let failure = 0; failure < 10; failure++) {
      const result = await signInWithPassword({ email: uniqueEmail(`spray-${failure}`), password: 'password spraying', ip })
      expect(result, `failure ${failure + 1}`).toMatchObject({ ok: false, reason: 'invalid-credentials' })
    }
    expect(await events(addressFailures(ip))).toBe(10)
    const refused = await signInWithPassword({ email: owner, password: 'the right passphrase', ip })
    expect(refused).toMatchObject({ ok: false, reason: 'rate-limited' })
    // "1 分钟" when the ten failures took under a second; a slow machine waits less, by the time they took.
    const wait = announcedWaitSeconds(refused.ok ? '' : refused.message, '失败次数过多')
    expect(wait).toBeLessThanOrEqual(60)
    expect(wait).toBeGreaterThanOrEqual(60 - secondsSince(started))
    // The refusal checked nothing and counted nothing against the account.
    expect(await events(accountFailures(owner))).toBe(0)
    // Another address is not affected.
    expect(await signInWithPassword({ email: owner, password: 'the right passphrase', ip: '198.51.100.201' })).toMatchObject({ ok: true })
  })

  it('tells only someone with the right password that the account is disabled', async () => {
    const email = uniqueEmail('disabled')
    await db.insert(users).values({ email, name: 'Off', passwordHash: await hashPassword('the right passphrase'), disabledAt: new Date() })
    expect(await signInWithPassword({ email, password: 'the right passphrase', ip: '198.51.100.3' })).toMatchObject({
      ok: false,
      reason: 'disabled',
      message: '该账户已被停用。如有疑问，请通过留言联系我们。',
    })
    expect(await signInWithPassword({ email, password: 'not it at all', ip: '198.51.100.3' })).toMatchObject({
      reason: 'invalid-credentials',
    })
  })
})

describe('sessions', () => {
  it('stop counting once the password changes', async () => {
    const email = uniqueEmail('sessions')
    const registered = await registerMember({ name: 'Sessions', email, password: 'the first passphrase' })
    if (!registered.ok) throw new Error('registration failed')
    const before = { sub: registered.member.id, sv: registered.member.sessionVersion }
    expect(await findSessionMember(before)).toMatchObject({ id: registered.member.id, hasPassword: true })

    const updated = await changeMemberPassword(registered.member.id, 'the second passphrase')
    expect(updated.sessionVersion).toBe(before.sv + 1)
    expect(await findSessionMember(before)).toBeNull()
    expect(await findSessionMember({ sub: updated.id, sv: updated.sessionVersion })).not.toBeNull()
    expect(await signInWithPassword({ email, password: 'the first passphrase', ip: '198.51.100.4' })).toMatchObject({ ok: false })
    expect(await signInWithPassword({ email, password: 'the second passphrase', ip: '198.51.100.4' })).toMatchObject({ ok: true })
  })
})

describe('deleting an account', () => {
  it('keeps comments as "已注销用户", keeps feedback and audit text, and leaves no row pointing at the member', async () => {
    const email = uniqueEmail('leaving')
    const registered = await registerMember({ name: 'Leaving', email, password: 'a passphrase to leave' })
    if (!registered.ok) throw new Error('registration failed')
    const leaving = registered.member
    const other = await registerMember({ name: 'Staying', email: uniqueEmail('staying'), password: 'a passphrase to stay' })
    if (!other.ok) throw new Error('registration failed')

    await db.insert(oauthAccounts).values({ provider: 'github', providerAccountId: `gh-${leaving.id}`, userId: leaving.id })
    const [own] = await db
      .insert(comments)
      .values({ postSlug: 'attention', authorId: leaving.id, body: '我的评论', bodyHtml: '<p>我的评论</p>', hiddenById: leaving.id })
      .returning()
    if (!own) throw new Error('comment not inserted')
    await db.insert(comments).values({
      postSlug: 'attention',
      parentId: own.id,
      threadId: own.id,
      depth: 1,
      authorId: other.member.id,
      replyToUserId: leaving.id,
      body: '回复',
      bodyHtml: '<p>回复</p>',
    })
    await db.insert(feedbackMessages).values({ name: 'Leaving', body: '留言', userId: leaving.id })
    await db.insert(auditLog).values({ actorId: leaving.id, actorLabel: 'Leaving <leaving@example.com>', action: 'comment.hide', targetType: 'comment', targetId: String(own.id) })

    await deleteMember(leaving.id)

    expect(await db.select().from(users).where(eq(users.id, leaving.id))).toEqual([])
    expect(await db.select().from(oauthAccounts).where(eq(oauthAccounts.userId, leaving.id))).toEqual([])
    const thread = await db.select().from(comments).where(eq(comments.postSlug, 'attention')).orderBy(comments.id)
    expect(thread.map((comment) => [comment.body, comment.authorId, comment.replyToUserId, comment.hiddenById])).toEqual([
      ['我的评论', null, null, null],
      ['回复', other.member.id, null, null],
    ])
    expect((await db.select().from(feedbackMessages).where(eq(feedbackMessages.body, '留言')))[0]).toMatchObject({ userId: null, name: 'Leaving' })
    expect((await db.select().from(auditLog).where(like(auditLog.actorLabel, 'Leaving%')))[0]).toMatchObject({ actorId: null })

    // Whatever other tables refer to users, none may still point at a missing member.
    const handle = (await import('@/db')).getDatabaseHandle()
    const references = await handle.query<{ table_name: string; column_name: string }>(`
      select kcu.table_name, kcu.column_name
      from information_schema.referential_constraints rc
      join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name
      where ccu.table_name = 'users'`)
    expect(references.length).toBeGreaterThanOrEqual(6)
    for (const { table_name, column_name } of references) {
      const orphans = await handle.query<{ n: number }>(
        `select count(*)::int as n from "${table_name}" t where t."${column_name}" is not null
         and not exists (select 1 from users u where u.id = t."${column_name}")`,
      )
      expect(orphans[0]?.n, `${table_name}.${column_name}`).toBe(0)
    }
  })
})

describe('GitHub sign-in', () => {
  it('links a GitHub identity only once the account proved its address, instead of creating a second one', async () => {
    const email = uniqueEmail('linked')
    const registered = await registerMember({ name: 'Linked', email, password: 'a passphrase to link' })
    if (!registered.ok) throw new Error('registration failed')
    const identity = { provider: 'github', providerAccountId: `gh-${counter}`, verifiedEmail: email.toUpperCase(), name: 'octocat' }

    // Whoever registered the address may not own it: no link, no second account.
    expect(await signInWithOAuth(identity)).toEqual({ ok: false, reason: 'unverified-account' })
    expect(await db.select().from(oauthAccounts).where(eq(oauthAccounts.userId, registered.member.id))).toHaveLength(0)

    const token = new URL(await linkFromOutbox(registered.member.id, 'verify-email')).searchParams.get('token')!
    expect(await verifyEmailWithToken(token)).toMatchObject({ ok: true, changed: false })

    const first = await signInWithOAuth(identity)
    expect(first).toMatchObject({ ok: true, member: { id: registered.member.id, name: 'Linked' } })
    const again = await signInWithOAuth({ ...identity, verifiedEmail: null })
    expect(again).toMatchObject({ ok: true, member: { id: registered.member.id } })
    expect(await db.select().from(users).where(like(users.email, 'linked-%'))).toHaveLength(1)
    expect(await db.select().from(oauthAccounts).where(eq(oauthAccounts.userId, registered.member.id))).toHaveLength(1)
  })

  it('creates a member without a password for a new verified email, with a usable display name', async () => {
    const email = uniqueEmail('octo')
    const result = await signInWithOAuth({ provider: 'github', providerAccountId: `gh-new-${counter}`, verifiedEmail: email, name: 'Octo\u200BCat' })
    expect(result).toMatchObject({ ok: true, member: { email, name: 'GitHub 用户', passwordHash: null, role: 'member' } })
  })

  it('refuses identities without a verified email, and disabled members', async () => {
    expect(await signInWithOAuth({ provider: 'github', providerAccountId: 'gh-unverified', verifiedEmail: null, name: 'x' })).toEqual({
      ok: false,
      reason: 'no-verified-email',
    })
    const email = uniqueEmail('off')
    await db.insert(users).values({ email, name: 'Off', disabledAt: new Date(), emailVerifiedAt: new Date() })
    expect(await signInWithOAuth({ provider: 'github', providerAccountId: 'gh-off', verifiedEmail: email, name: 'x' })).toEqual({
      ok: false,
      reason: 'disabled',
    })
  })
})
