import { createHash } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { db } from '@/db'
import { feedbackMessages, users } from '@/db/schema'
import { listFeedback, parseInboxQuery } from '@/lib/admin/feedback-inbox'
import { ADMIN_PAGE_SIZE } from '@/lib/admin/listing'
import { listMembers, parseMemberQuery } from '@/lib/admin/member-directory'
import { echoableValues } from '@/lib/actions/form-data'
import { formOf, requestAs } from '@/tests/support/actions'
import { emailShapedPayloads, naughtyStrings, xssPayloads } from '@/tests/support/hostile-input'
import { hostileInputTargets, type HostileInputTarget } from '@/tests/support/hostile-input-targets'

/**
 * Every string of the Big List of Naughty Strings and every XSS payload goes
 * through every input of tests/support/hostile-input-targets.ts, the way the
 * form submits it: form data → the action's permission, zod schema and handler
 * → the database. Each value must be kept byte for byte (or byte for byte after
 * trimming, where the field trims) or refused with a message in Chinese that
 * gives back everything typed except passwords; nothing may throw.
 *
 * Two stand-ins keep ~6,000 submissions to seconds: a SHA-256 "hash" instead of
 * Argon2id (whose cost is tested in password-hash.test.ts; what matters here is
 * which bytes reach it), and no session cookie (there is no request to set it on).
 * Rate limits stay real where the code applies them itself (sign-in failures);
 * every submission comes from its own address.
 */
vi.mock('@/lib/auth/password-hash', () => {
  const fastHash = (password: string) => `test-sha256$${createHash('sha256').update(password, 'utf8').digest('hex')}`
  return {
    passwordHashOptions: {},
    dummyPasswordHash: fastHash('nobody knows this password'),
    hashPassword: async (password: string) => fastHash(password),
    verifyPassword: async (stored: string | null | undefined, password: string) => stored != null && stored === fastHash(password),
    needsRehash: () => false,
  }
})
vi.mock('@/lib/auth/session-cookie', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/session-cookie')>()),
  issueSessionCookie: async () => {},
  clearSessionCookie: async () => {},
}))

const hostile = [...naughtyStrings, ...xssPayloads, ...emailShapedPayloads]
const han = /\p{Script=Han}/u
let serial = 0

/** A client address of its own for every submission: 10.0.0.0/8 holds 16 million. */
function clientAddress(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
}

async function sendEverything(target: HostileInputTarget) {
  let accepted = 0
  let refused = 0
  for (const raw of hostile) {
    serial += 1
    // What a browser sends: form values are USV strings (lone surrogates become U+FFFD).
    const value = String(formOf({ value: raw }).get('value'))
    const submission = { value, serial }
    const prepared = await target.prepare(submission)
    const form = formOf({ ...prepared.fields, [target.field]: value })
    const label = `${target.input}: ${JSON.stringify(raw)}`
    const result = await target.submit(form, requestAs(prepared.user, clientAddress(serial), { consumeRateLimit: async () => ({ allowed: true }) }))

    if (target.mustAccept) expect(result.ok, label).toBe(target.mustAccept(value))
    if (result.ok) {
      accepted += 1
      target.checkAccepted?.(result, submission)
      if (target.stored) {
        const kept = target.keeps === 'trimmed' ? value.trim() : value
        const stored = await target.stored(prepared, submission)
        expect(Buffer.from(stored ?? '<nothing stored>', 'utf8').equals(Buffer.from(kept, 'utf8')), `${label} stored as ${JSON.stringify(stored)}`).toBe(true)
      }
      continue
    }
    refused += 1
    expect(result.error, label).toMatch(han)
    const fieldError = result.fieldErrors[target.field]
    if (target.refusal !== 'form-or-field') expect(fieldError, label).toMatch(han)
    for (const message of Object.values(result.fieldErrors)) expect(message, label).toMatch(han)
    // Everything typed comes back to the form, except passwords, which never leave the server.
    expect(result.values[target.field], label).toBe(target.secret ? undefined : value)
    expect(result.values, label).toEqual(echoableValues(form))
  }
  return { accepted, refused }
}

describe('naughty strings and XSS payloads in every input', () => {
  it('covers every form field a person can type into', () => {
    expect(hostileInputTargets.map((target) => target.input)).toEqual([
      'display name at registration',
      'email at registration',
      'password at registration',
      'display name on the account page',
      'new password on the account page',
      'current password on the account page',
      'email at sign-in',
      'password at sign-in',
      'return address at sign-in',
      'new email on the account page',
      'email on the forgot-password form',
      'new password from a reset link',
      'name on the feedback form',
      'email on the feedback form',
      'message on the feedback form',
      'comment under an article',
    ])
    expect(hostile.length).toBeGreaterThan(500)
  })

  for (const target of hostileInputTargets) {
    it(`keeps the ${target.input} exactly or refuses it with a message, keeping what was typed`, async () => {
      const { accepted, refused } = await sendEverything(target)
      console.log(`${target.input}: ${accepted} accepted, ${refused} refused, of ${hostile.length}`)
      expect(accepted + refused).toBe(hostile.length)
      // Without a rule for exactly which values pass, at least the input must neither take nor refuse everything.
      if (!target.mustAccept) expect([accepted > 0, refused > 0], target.input).toEqual([true, true])
    })
  }

})

/**
 * The editors' search boxes (/admin/feedback?q=, /admin/members?q=) with the
 * same strings, over messages and members that hold them: `%`, `_` and `\`
 * match themselves, nothing throws, and what holds the text is found.
 */
describe('naughty strings in the admin search boxes', () => {
  it('find the message that holds them, and nothing breaks the query', async () => {
    const rows = await db
      .insert(feedbackMessages)
      .values(hostile.map((text, index) => ({ name: `搜索测试 ${index}`, body: `«${text}»` })))
      .returning({ id: feedbackMessages.id })
    let checked = 0
    for (const [index, text] of hostile.entries()) {
      const query = parseInboxQuery({ view: 'all', q: text })
      const found = await listFeedback(query)
      if (!query.text) continue
      expect(found.total, JSON.stringify(text)).toBeGreaterThan(0)
      if (found.total <= ADMIN_PAGE_SIZE) {
        checked += 1
        expect(found.items.map((item) => item.id), JSON.stringify(text)).toContain(rows[index]!.id)
      }
    }
    expect(checked).toBeGreaterThan(300)
  })

  it('find the member whose name holds them', async () => {
    const members = await db
      .insert(users)
      .values(hostile.map((text, index) => ({ name: text, email: `named-${index}@example.test` })))
      .returning({ id: users.id })
    let checked = 0
    for (const [index, text] of hostile.entries()) {
      const query = parseMemberQuery({ q: text })
      const found = await listMembers(query)
      if (!query.text) continue
      expect(found.total, JSON.stringify(text)).toBeGreaterThan(0)
      if (found.total <= ADMIN_PAGE_SIZE) {
        checked += 1
        expect(found.items.map((item) => item.id), JSON.stringify(text)).toContain(members[index]!.id)
      }
    }
    expect(checked).toBeGreaterThan(300)
  })
})
