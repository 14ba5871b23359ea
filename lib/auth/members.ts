import 'server-only'
import { eq, sql } from 'drizzle-orm'
import { db } from '@/db'
import { users, type User, type UserRole } from '@/db/schema'
import { recordAudit, type AuditActor, type SystemActor } from '@/lib/audit/record-audit'
import { env } from '@/lib/env'
import { requestMailDelivery } from '@/lib/mail/delivery'
import { queueVerificationLink } from './email-links'
import { hashPassword } from './password-hash'

/**
 * How addresses are compared everywhere (sign-in, ADMIN_EMAILS, GitHub
 * linking): trimmed and lower-cased, as the unique index on lower(email) does.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** Finds a member by email, ignoring case (the unique index is on lower(email)). */
export async function findMemberByEmail(email: string): Promise<User | null> {
  const [member] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalizeEmail(email)))
    .limit(1)
  return member ?? null
}

export async function findMemberById(id: string): Promise<User | null> {
  const [member] = await db.select().from(users).where(eq(users.id, id)).limit(1)
  return member ?? null
}

/**
 * The role an address earns once it is proven: admin when ADMIN_EMAILS (already
 * lower-cased) lists it. Callers apply it only to a verified address: through
 * a link mailed to it (lib/auth/email-links.ts) or vouched for by GitHub.
 */
export function initialRoleFor(email: string, adminEmails: readonly string[] = env.ADMIN_EMAILS): UserRole {
  return adminEmails.includes(normalizeEmail(email)) ? 'admin' : 'member'
}

export type RegistrationResult = { ok: true; member: User } | { ok: false; reason: 'email-taken' }

/**
 * Creates a member with an unproven address and queues the verification link
 * in the same transaction. Every new member starts as 'member', whatever
 * ADMIN_EMAILS says: the role comes with the proof (lib/auth/email-links.ts).
 */
export async function registerMember(input: { name: string; email: string; password: string }): Promise<RegistrationResult> {
  const passwordHash = await hashPassword(input.password)
  const member = await db.transaction(async (tx) => {
    // The unique index on lower(email) decides races between two registrations.
    const [created] = await tx
      .insert(users)
      .values({ name: input.name, email: input.email, passwordHash, role: 'member' })
      .onConflictDoNothing()
      .returning()
    if (created) await queueVerificationLink(tx, created, created.email)
    return created
  })
  if (!member) return { ok: false, reason: 'email-taken' }
  requestMailDelivery()
  return { ok: true, member }
}

export async function renameMember(id: string, name: string): Promise<void> {
  await db.update(users).set({ name, updatedAt: sql`now()` }).where(eq(users.id, id))
}

/**
 * Sets a new password and bumps the session version, which signs the member out
 * of every other browser. Returns the updated member, so the caller can issue
 * this browser a fresh session.
 */
export async function changeMemberPassword(id: string, newPassword: string): Promise<User> {
  const passwordHash = await hashPassword(newPassword)
  const [member] = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning()
  if (!member) throw new Error(`member ${id} vanished while changing the password`)
  return member
}

/** Replaces a hash made with old parameters; the session version stays. */
export async function updatePasswordHash(id: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, id))
}

/**
 * Deletes an account. The foreign keys do the rest (see README, "Accounts"):
 * GitHub links are deleted with it; comments stay and show "已注销用户"
 * (author set to null); feedback and audit entries keep their text with the
 * member reference set to null.
 */
export async function deleteMember(id: string): Promise<void> {
  await db.delete(users).where(eq(users.id, id))
}

/** Which member an administrative change is about: by id (admin area) or email (command line). */
export type MemberReference = { id: string } | { email: string }

function whereMember(reference: MemberReference) {
  return 'id' in reference ? eq(users.id, reference.id) : eq(sql`lower(${users.email})`, reference.email.trim().toLowerCase())
}

type ChangedMember = Pick<User, 'id' | 'email' | 'name'>

export type RoleChange =
  | { ok: true; member: ChangedMember; from: UserRole; to: UserRole }
  | { ok: false; reason: 'no-such-member' }

/**
 * Sets a member's role and records the change in the audit log, both or
 * neither (nothing when it is already that role). The member sees the new role
 * at their next request: sessions read the role from the database.
 */
export async function setMemberRole(reference: MemberReference, role: UserRole, actor: AuditActor | SystemActor): Promise<RoleChange> {
  return db.transaction(async (tx): Promise<RoleChange> => {
    const [before] = await tx
      .select({ id: users.id, email: users.email, name: users.name, role: users.role })
      .from(users)
      .where(whereMember(reference))
      .limit(1)
      .for('update')
    if (!before) return { ok: false, reason: 'no-such-member' }
    const member = { id: before.id, email: before.email, name: before.name }
    if (before.role === role) return { ok: true, member, from: role, to: role }
    await tx.update(users).set({ role, updatedAt: sql`now()` }).where(eq(users.id, before.id))
    await recordAudit(actor, 'member.role', { type: 'member', id: before.id }, { email: before.email, from: before.role, to: role }, tx)
    return { ok: true, member, from: before.role, to: role }
  })
}

export type DisabledChange =
  | { ok: true; member: ChangedMember; changed: boolean }
  | { ok: false; reason: 'no-such-member' }

/**
 * Disables or re-enables an account, with its audit entry. Disabling also bumps
 * the session version, which ends every session of the member at its next
 * request; sign-in refuses disabled accounts, and every permission but signing
 * in is closed to them (lib/auth/permissions.ts).
 */
export async function setMemberDisabled(memberId: string, disabled: boolean, actor: AuditActor | SystemActor): Promise<DisabledChange> {
  return db.transaction(async (tx): Promise<DisabledChange> => {
    const [before] = await tx
      .select({ id: users.id, email: users.email, name: users.name, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, memberId))
      .limit(1)
      .for('update')
    if (!before) return { ok: false, reason: 'no-such-member' }
    const member = { id: before.id, email: before.email, name: before.name }
    if ((before.disabledAt !== null) === disabled) return { ok: true, member, changed: false }
    await tx
      .update(users)
      .set(
        disabled
          ? { disabledAt: sql`now()`, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` }
          : { disabledAt: null, updatedAt: sql`now()` },
      )
      .where(eq(users.id, before.id))
    await recordAudit(actor, disabled ? 'member.disable' : 'member.enable', { type: 'member', id: before.id }, { email: before.email }, tx)
    return { ok: true, member, changed: true }
  })
}
