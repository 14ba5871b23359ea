import 'server-only'
import { and, eq, gt, isNull, ne, sql, TransactionRollbackError } from 'drizzle-orm'
import { db } from '@/db'
import { emailTokens, users, type EmailTokenPurpose, type User } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import { env } from '@/lib/env'
import { requestMailDelivery } from '@/lib/mail/delivery'
import { queueMail, type Queryable } from '@/lib/mail/outbox'
import { hashLinkToken, newLinkToken } from '@/lib/mail/secrets'
import { passwordResetMail, verificationMail } from '@/lib/mail/templates'
import { absoluteUrl } from '@/lib/site/urls'
import { initialRoleFor, normalizeEmail } from './members'
import { hashPassword } from './password-hash'

/**
 * Links mailed to a member: proving an address (after registering, or to
 * change it) and resetting a password. Each token is 256 random bits, stored
 * only as its SHA-256, used once, and short-lived: 24 hours to verify, 30
 * minutes to reset. A new link of one kind replaces the member's earlier
 * unused ones of that kind.
 *
 * Proving the address is what the account's trust rests on: only then may
 * the member comment, does ADMIN_EMAILS make them an admin, and may a GitHub
 * identity with the same address be linked to the account.
 */

export const VERIFY_EMAIL_TTL_SECONDS = 24 * 60 * 60
export const RESET_PASSWORD_TTL_SECONDS = 30 * 60

const ttl: Record<EmailTokenPurpose, number> = {
  'verify-email': VERIFY_EMAIL_TTL_SECONDS,
  'reset-password': RESET_PASSWORD_TTL_SECONDS,
}

export const linkPaths = {
  verifyEmail: (token: string) => `/verify-email?token=${encodeURIComponent(token)}`,
  resetPassword: (token: string) => `/reset-password?token=${encodeURIComponent(token)}`,
} as const

/** Creates a token (replacing the member's unused ones of the same purpose) and returns it. */
async function issueToken(tx: Queryable, userId: string, purpose: EmailTokenPurpose, email: string): Promise<string> {
  await tx
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)))
  const token = newLinkToken()
  await tx.insert(emailTokens).values({
    userId,
    purpose,
    tokenHash: hashLinkToken(token),
    email,
    expiresAt: sql`now() + (${ttl[purpose]}::integer * interval '1 second')`,
  })
  return token
}

/**
 * Queues a verification link to `email` (the account's address, or the new
 * one of an email change) in the caller's transaction.
 */
export async function queueVerificationLink(tx: Queryable, member: Pick<User, 'id' | 'name' | 'email'>, email: string): Promise<void> {
  const token = await issueToken(tx, member.id, 'verify-email', email)
  const link = absoluteUrl(env.SITE_URL, linkPaths.verifyEmail(token))
  const change = normalizeEmail(email) !== normalizeEmail(member.email)
  await queueMail(tx, { kind: 'verify-email', userId: member.id, to: email, content: verificationMail({ name: member.name, link, change }) })
}

/**
 * Marks `member`'s current address as proven, and makes them an admin when
 * ADMIN_EMAILS lists it (compared normalised), with an audit entry. Only a
 * proven address may claim that role: whoever registers a listed address
 * first gets nothing until they open a link mailed to it.
 */
async function markEmailProven(tx: Queryable, member: Pick<User, 'id' | 'email' | 'name' | 'role'>): Promise<void> {
  const promote = member.role === 'member' && initialRoleFor(member.email) === 'admin'
  await tx
    .update(users)
    .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, ...(promote ? { role: 'admin' as const } : {}), updatedAt: sql`now()` })
    .where(eq(users.id, member.id))
  if (promote) {
    await recordAudit({ id: null, label: 'ADMIN_EMAILS' }, 'member.role', { type: 'member', id: member.id }, { email: member.email, from: member.role, to: 'admin' }, tx)
  }
}

export type TokenState = 'valid' | 'used' | 'expired' | 'unknown'

/** What a link's token is now, without using it: for the page the link opens. */
export async function inspectToken(purpose: EmailTokenPurpose, token: string): Promise<TokenState> {
  const [row] = await db
    .select({ usedAt: emailTokens.usedAt, expired: sql<boolean>`${emailTokens.expiresAt} <= now()` })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashLinkToken(token)), eq(emailTokens.purpose, purpose)))
    .limit(1)
  if (!row) return 'unknown'
  if (row.usedAt) return 'used'
  return row.expired ? 'expired' : 'valid'
}

/**
 * Uses a token, once: the one UPDATE that marks it used also checks it is
 * unused and unexpired, so two clicks at the same moment cannot both succeed.
 */
async function consumeToken(tx: Queryable, purpose: EmailTokenPurpose, token: string) {
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(emailTokens.tokenHash, hashLinkToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: emailTokens.userId, email: emailTokens.email })
  return row ?? null
}

async function lockMember(tx: Queryable, id: string): Promise<User | null> {
  const [member] = await tx.select().from(users).where(eq(users.id, id)).limit(1).for('update')
  return member ?? null
}

export type VerifyEmailOutcome =
  | { ok: true; email: string; changed: boolean; becameAdmin: boolean }
  | { ok: false; reason: Exclude<TokenState, 'valid'> | 'email-taken' | 'disabled' }

/** Opens a verification link: proves the address, and for an email change, switches the account to it. */
export async function verifyEmailWithToken(token: string): Promise<VerifyEmailOutcome> {
  const outcome = await db.transaction(async (tx): Promise<VerifyEmailOutcome | 'retry'> => {
    const used = await consumeToken(tx, 'verify-email', token)
    if (!used) return 'retry'
    const member = await lockMember(tx, used.userId)
    if (!member) return { ok: false, reason: 'unknown' }
    if (member.disabledAt) return { ok: false, reason: 'disabled' }
    const changed = normalizeEmail(used.email) !== normalizeEmail(member.email)
    if (changed) {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(sql`lower(${users.email})`, normalizeEmail(used.email)), ne(users.id, member.id)))
        .limit(1)
      if (taken) return { ok: false, reason: 'email-taken' }
      await tx.update(users).set({ email: used.email, updatedAt: sql`now()` }).where(eq(users.id, member.id))
    }
    await markEmailProven(tx, { ...member, email: used.email })
    // Any other link in flight (an older change) must not undo this one.
    await tx
      .update(emailTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(emailTokens.userId, member.id), eq(emailTokens.purpose, 'verify-email'), isNull(emailTokens.usedAt)))
    const becameAdmin = member.role === 'member' && initialRoleFor(used.email) === 'admin'
    return { ok: true, email: used.email, changed, becameAdmin }
  })
  if (outcome !== 'retry') return outcome
  const state = await inspectToken('verify-email', token)
  return { ok: false, reason: state === 'valid' ? 'used' : state }
}

/** Mails a new verification link to the member's current address (the "resend" button). */
export async function resendVerification(memberId: string): Promise<'sent' | 'already-verified' | 'no-member'> {
  const result = await db.transaction(async (tx) => {
    const member = await lockMember(tx, memberId)
    if (!member) return 'no-member' as const
    if (member.emailVerifiedAt) return 'already-verified' as const
    await queueVerificationLink(tx, member, member.email)
    return 'sent' as const
  })
  if (result === 'sent') requestMailDelivery()
  return result
}

/** Starts an email change: a link to the new address; the old one stays in force until it is opened. */
export async function requestEmailChange(memberId: string, newEmail: string): Promise<'sent' | 'same' | 'taken' | 'no-member'> {
  const result = await db.transaction(async (tx) => {
    const member = await lockMember(tx, memberId)
    if (!member) return 'no-member' as const
    if (normalizeEmail(newEmail) === normalizeEmail(member.email)) return 'same' as const
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, normalizeEmail(newEmail)))
      .limit(1)
    if (taken) return 'taken' as const
    await queueVerificationLink(tx, member, newEmail.trim())
    return 'sent' as const
  })
  if (result === 'sent') requestMailDelivery()
  return result
}

/** The new address a member asked to switch to and has not proven yet, if any. */
export async function pendingEmailChange(member: Pick<User, 'id' | 'email'>): Promise<string | null> {
  const [row] = await db
    .select({ email: emailTokens.email })
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.userId, member.id),
        eq(emailTokens.purpose, 'verify-email'),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, sql`now()`),
        ne(sql`lower(${emailTokens.email})`, normalizeEmail(member.email)),
      ),
    )
    .orderBy(sql`${emailTokens.createdAt} desc`)
    .limit(1)
  return row?.email ?? null
}

/**
 * "Forgot password": mails a reset link when the address belongs to an
 * enabled account, and does nothing otherwise. The caller answers the same
 * either way.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const queued = await db.transaction(async (tx) => {
    const [member] = await tx
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, normalizeEmail(email)))
      .limit(1)
      .for('update')
    if (!member || member.disabledAt) return false
    const token = await issueToken(tx, member.id, 'reset-password', member.email)
    const link = absoluteUrl(env.SITE_URL, linkPaths.resetPassword(token))
    await queueMail(tx, { kind: 'reset-password', userId: member.id, to: member.email, content: passwordResetMail({ name: member.name, link }) })
    return true
  })
  if (queued) requestMailDelivery()
}

export type ResetPasswordOutcome = { ok: true } | { ok: false; reason: Exclude<TokenState, 'valid'> | 'disabled' | 'same-as-email' }

/**
 * Sets a new password through a reset link. Moves the session version on, so
 * every browser signed in to the account is signed out (an attacker who
 * registered the address first included); cancels the member's other links
 * (a pending email change among them); and, when the link went to the
 * account's current address, counts as proof of that address.
 */
export async function resetPasswordWithToken(token: string, password: string): Promise<ResetPasswordOutcome> {
  const passwordHash = await hashPassword(password)
  const outcome = await db.transaction(async (tx): Promise<ResetPasswordOutcome | 'retry'> => {
    const used = await consumeToken(tx, 'reset-password', token)
    if (!used) return 'retry'
    const member = await lockMember(tx, used.userId)
    if (!member) return { ok: false, reason: 'unknown' }
    if (member.disabledAt) return { ok: false, reason: 'disabled' }
    if (password.trim().toLowerCase() === member.email.toLowerCase()) {
      // Not a reason to burn the link: the member may pick another password.
      tx.rollback()
    }
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` })
      .where(eq(users.id, member.id))
    if (normalizeEmail(used.email) === normalizeEmail(member.email)) await markEmailProven(tx, member)
    await tx.update(emailTokens).set({ usedAt: sql`now()` }).where(and(eq(emailTokens.userId, member.id), isNull(emailTokens.usedAt)))
    return { ok: true }
  }).catch((error: unknown) => {
    if (error instanceof TransactionRollbackError) return { ok: false, reason: 'same-as-email' } as const
    throw error
  })
  if (outcome !== 'retry') return outcome
  const state = await inspectToken('reset-password', token)
  return { ok: false, reason: state === 'valid' ? 'used' : state }
}
