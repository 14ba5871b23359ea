import { desc, eq, sql } from 'drizzle-orm'
import { expect } from 'vitest'
import type { z } from 'zod'
import { db } from '@/db'
import { comments, feedbackMessages, users, type User } from '@/db/schema'
import type { ActionEnvironment } from '@/lib/actions/validated-action'
import {
  changeAccountEmail,
  changeAccountPassword,
  registerAccount,
  renameAccount,
  requestPasswordResetAccount,
  resetPasswordAccount,
  signIn,
} from '@/lib/account/actions'
import type { CurrentUser } from '@/lib/auth/current-user'
import { SIGN_IN_PASSWORD_MAX_LENGTH } from '@/lib/auth/field-limits'
import { env } from '@/lib/env'
import { pendingEmailChange, requestPasswordReset } from '@/lib/auth/email-links'
import { findMemberByEmail, findMemberById } from '@/lib/auth/members'
import { hashPassword, verifyPassword } from '@/lib/auth/password-hash'
import { createComment } from '@/lib/comments/actions'
import { COMMENT_HONEYPOT_FIELD } from '@/lib/comments/limits'
import { sendFeedback } from '@/lib/feedback/send-feedback'
import { runActionFollowingRedirect, sessionOf, type AnyDefinition, type Submission } from './actions'
import { linkFromOutbox } from './outbox'

/**
 * Every text input a person can type into, as one row each: which action
 * receives it, in which field, with what else a valid form holds, and how to
 * read back what was kept. tests/integration/hostile-input.test.ts sends every
 * naughty string and XSS payload through each row; the e2e specs sample the
 * same inputs over HTTP and in the browser.
 *
 * A new form adds a row here.
 */

/** One hostile value about to be submitted. */
export interface HostileSubmission {
  /** The value as a browser sends it (a USV string: lone surrogates already became U+FFFD). */
  value: string
  /** Unique within a run: for emails and client addresses that must not collide. */
  serial: number
}

/** Who submits, from where, and the rest of a form that would otherwise be accepted. */
export interface PreparedForm {
  user: CurrentUser | null
  fields: Record<string, string>
  /** The member the submission concerns, when there is one (for reading back). */
  member?: User
}

export interface HostileInputTarget {
  /** The input as a person knows it, e.g. 'display name at registration'. */
  input: string
  field: string
  /** A password: a refusal never sends it back to the browser. */
  secret?: true
  submit: (form: FormData, environment: ActionEnvironment) => Promise<Submission<unknown>>
  /** Fresh state for every value (a new member, a unique email), so one value cannot affect the next. */
  prepare: (submission: HostileSubmission) => Promise<PreparedForm>
  /** How an accepted value must be kept: byte for byte, or byte for byte after trimming surrounding whitespace. */
  keeps: 'exactly' | 'trimmed'
  /**
   * What now stands in the database for the field after an accepted submission;
   * for a password, the submitted value when the stored hash accepts it.
   * Absent when the action keeps nothing (signing in: acceptance is the proof).
   */
  stored?: (prepared: PreparedForm, submission: HostileSubmission) => Promise<string | null>
  /** When given, exactly the values it is true for must be accepted. */
  mustAccept?: (value: string) => boolean
  /** Whatever else an accepted submission must satisfy, e.g. where it redirected to. */
  checkAccepted?: (result: Submission<unknown>, submission: HostileSubmission) => void
  /** Where a refusal may put its message: on this field (default), or for the whole form (sign-in never says which part was wrong). */
  refusal?: 'field' | 'form-or-field'
}

function through<S extends z.ZodType, T>(definition: AnyDefinition<S, T>): HostileInputTarget['submit'] {
  return (form, environment) => runActionFollowingRedirect(definition, form, environment)
}

const PASSWORD = 'a long passphrase nobody guesses'

async function newMember(serial: number, password = PASSWORD): Promise<User> {
  const [member] = await db
    .insert(users)
    .values({ email: `hostile-${serial}@example.test`, name: `成员${serial}`, passwordHash: await hashPassword(password), emailVerifiedAt: new Date() })
    .returning()
  if (!member) throw new Error('member not inserted')
  return member
}

async function newestFeedback() {
  const [row] = await db.select().from(feedbackMessages).orderBy(desc(feedbackMessages.id)).limit(1)
  return row
}

/** The value when `hash` is a hash of it: a password is kept exactly if and only if it still opens the account. */
async function passwordKept(hash: string | null | undefined, value: string): Promise<string | null> {
  return (await verifyPassword(hash, value)) ? value : `<the stored hash does not accept ${JSON.stringify(value)}>`
}

async function storedName(prepared: PreparedForm): Promise<string | null> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, prepared.member!.id))
  return row?.name ?? null
}

const registration = (serial: number) => ({ name: `新成员${serial}`, email: `register-${serial}@example.test`, password: PASSWORD })

export const hostileInputTargets: readonly HostileInputTarget[] = [
  {
    input: 'display name at registration',
    field: 'name',
    submit: through(registerAccount),
    prepare: async ({ serial }) => ({ user: null, fields: registration(serial) }),
    keeps: 'trimmed',
    stored: async (prepared) => (await findMemberByEmail(prepared.fields.email!))?.name ?? null,
  },
  {
    input: 'email at registration',
    field: 'email',
    submit: through(registerAccount),
    prepare: async ({ serial }) => ({ user: null, fields: registration(serial) }),
    keeps: 'trimmed',
    stored: async (_prepared, { value }) => (await findMemberByEmail(value))?.email ?? null,
  },
  {
    input: 'password at registration',
    field: 'password',
    secret: true,
    submit: through(registerAccount),
    prepare: async ({ serial }) => ({ user: null, fields: registration(serial) }),
    keeps: 'exactly',
    stored: async (prepared, { value }) => passwordKept((await findMemberByEmail(prepared.fields.email!))?.passwordHash, value),
  },
  {
    input: 'display name on the account page',
    field: 'name',
    submit: through(renameAccount),
    prepare: async ({ serial }) => {
      const member = await newMember(serial)
      return { user: sessionOf(member), fields: {}, member }
    },
    keeps: 'trimmed',
    stored: storedName,
  },
  {
    input: 'new password on the account page',
    field: 'newPassword',
    secret: true,
    submit: through(changeAccountPassword),
    prepare: async ({ serial }) => {
      const member = await newMember(serial)
      return { user: sessionOf(member), fields: { currentPassword: PASSWORD }, member }
    },
    keeps: 'exactly',
    stored: async (prepared, { value }) => passwordKept((await findMemberById(prepared.member!.id))?.passwordHash, value),
  },
  {
    input: 'current password on the account page',
    field: 'currentPassword',
    secret: true,
    submit: through(changeAccountPassword),
    prepare: async ({ serial }) => {
      const member = await newMember(serial)
      return { user: sessionOf(member), fields: { newPassword: `${PASSWORD} renewed` }, member }
    },
    keeps: 'exactly',
    // None of them is the member's password.
    mustAccept: () => false,
  },
  {
    input: 'email at sign-in',
    field: 'email',
    submit: through(signIn),
    prepare: async () => ({ user: null, fields: { password: 'the password of nobody at all' } }),
    keeps: 'trimmed',
    // Some are registered by the rows above, but not with this password.
    mustAccept: () => false,
    refusal: 'form-or-field',
  },
  {
    input: 'password at sign-in',
    field: 'password',
    secret: true,
    submit: through(signIn),
    // A member whose password is the value itself: each must open the account, byte for byte.
    prepare: async ({ serial, value }) => ({ user: null, fields: { email: (await newMember(serial, value)).email } }),
    keeps: 'exactly',
    mustAccept: (value) => value.length <= SIGN_IN_PASSWORD_MAX_LENGTH,
    refusal: 'form-or-field',
  },
  {
    input: 'return address at sign-in',
    field: 'callbackUrl',
    submit: through(signIn),
    prepare: async ({ serial }) => ({ user: null, fields: { email: (await newMember(serial)).email, password: PASSWORD } }),
    keeps: 'exactly',
    // Every value signs in; none may send the member to another site.
    mustAccept: (value) => value.length <= 2048,
    checkAccepted: (result) => {
      const location = 'redirectedTo' in result ? result.redirectedTo : '<no redirect>'
      expect(location).toMatch(/^\/(?![/\\])/)
      expect(new URL(location, env.SITE_URL).origin).toBe(new URL(env.SITE_URL).origin)
    },
  },
  {
    input: 'new email on the account page',
    field: 'email',
    submit: through(changeAccountEmail),
    prepare: async ({ serial, value }) => {
      // The registration rows above took some of these addresses: free them, or the change is refused as taken.
      await db.delete(users).where(eq(sql`lower(${users.email})`, value.trim().toLowerCase()))
      const member = await newMember(serial)
      return { user: sessionOf(member), fields: { password: PASSWORD }, member }
    },
    keeps: 'trimmed',
    // Accepted addresses wait, as typed, for the link mailed to them.
    stored: async (prepared) => pendingEmailChange(prepared.member!),
  },
  {
    input: 'email on the forgot-password form',
    field: 'email',
    submit: through(requestPasswordResetAccount),
    prepare: async () => ({ user: null, fields: {} }),
    keeps: 'trimmed',
  },
  {
    input: 'new password from a reset link',
    field: 'password',
    secret: true,
    submit: through(resetPasswordAccount),
    // A member of its own and a fresh link each time: a link works once.
    prepare: async ({ serial }) => {
      const member = await newMember(serial)
      await requestPasswordReset(member.email)
      const token = new URL(await linkFromOutbox(member.id, 'reset-password')).searchParams.get('token') ?? ''
      return { user: null, fields: { token }, member }
    },
    keeps: 'exactly',
    stored: async (prepared, { value }) => passwordKept((await findMemberById(prepared.member!.id))?.passwordHash, value),
  },
  {
    input: 'name on the feedback form',
    field: 'name',
    submit: through(sendFeedback),
    prepare: async () => ({ user: null, fields: { email: '', body: '名字测试', website: '' } }),
    keeps: 'trimmed',
    stored: async () => (await newestFeedback())?.name ?? null,
  },
  {
    input: 'email on the feedback form',
    field: 'email',
    submit: through(sendFeedback),
    prepare: async () => ({ user: null, fields: { name: '读者', body: '邮箱测试', website: '' } }),
    keeps: 'trimmed',
    // A blank email means "no reply wanted" and is kept as none.
    stored: async () => (await newestFeedback())?.email ?? '',
  },
  {
    input: 'message on the feedback form',
    field: 'body',
    submit: through(sendFeedback),
    prepare: async () => ({ user: null, fields: { name: '读者', email: '', website: '' } }),
    keeps: 'exactly',
    // Only blank messages are refused (U+0000 and lone surrogates cannot arrive from a browser).
    mustAccept: (value) => /\S/u.test(value),
    stored: async () => (await newestFeedback())?.body ?? null,
  },
  {
    input: 'comment under an article',
    field: 'body',
    submit: through(createComment),
    // A new member each time: the 10-second limit is per member and has tests of its own.
    prepare: async ({ serial }) => {
      const member = await newMember(serial)
      return {
        user: sessionOf(member),
        fields: { post: 'rope-from-complex-numbers', idempotencyKey: `hostile-input-${serial}-form`, [COMMENT_HONEYPOT_FIELD]: '' },
        member,
      }
    },
    keeps: 'exactly',
    mustAccept: (value) => /\S/u.test(value),
    stored: async (prepared) => {
      const [row] = await db.select({ body: comments.body }).from(comments).where(eq(comments.authorId, prepared.member!.id)).orderBy(desc(comments.id)).limit(1)
      return row?.body ?? null
    },
  },
]
