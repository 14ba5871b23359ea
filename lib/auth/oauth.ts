import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { db } from '@/db'
import { oauthAccounts, users, type User } from '@/db/schema'
import { findDisplayNameProblem } from './display-name'
import { DISPLAY_NAME_MAX_LENGTH } from './field-limits'
import { initialRoleFor } from './members'

export interface OAuthIdentity {
  provider: string
  providerAccountId: string
  /** Only an address the provider says it verified; null when there is none. */
  verifiedEmail: string | null
  /** The provider's display name or login, used for a new account. */
  name: string | null
}

export type OAuthSignIn =
  | { ok: true; member: User }
  | { ok: false; reason: 'no-verified-email' | 'disabled' }

/** A display name from the provider if it passes our rule, else a neutral one. */
function displayNameFrom(name: string | null): string {
  const trimmed = Array.from((name ?? '').trim()).slice(0, DISPLAY_NAME_MAX_LENGTH).join('')
  return findDisplayNameProblem(trimmed) === null ? trimmed : 'GitHub 用户'
}

/**
 * Finds the member behind an external identity, creating or linking as needed:
 * an identity seen before signs in its member; a new identity whose verified
 * email matches an existing account is linked to it (one person, one account);
 * otherwise a new member without a password is created.
 */
export async function signInWithOAuth(identity: OAuthIdentity): Promise<OAuthSignIn> {
  const member = await db.transaction(async (tx) => {
    const [linked] = await tx
      .select({ user: users })
      .from(oauthAccounts)
      .innerJoin(users, eq(users.id, oauthAccounts.userId))
      .where(and(eq(oauthAccounts.provider, identity.provider), eq(oauthAccounts.providerAccountId, identity.providerAccountId)))
      .limit(1)
    if (linked) return linked.user
    if (!identity.verifiedEmail) return null

    const email = identity.verifiedEmail.trim()
    await tx
      .insert(users)
      .values({ email, name: displayNameFrom(identity.name), role: initialRoleFor(email), emailVerifiedAt: sql`now()` })
      .onConflictDoNothing()
    const [owner] = await tx
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
      .limit(1)
    if (!owner) throw new Error(`no member for ${identity.provider} email after insert`)
    await tx
      .insert(oauthAccounts)
      .values({ provider: identity.provider, providerAccountId: identity.providerAccountId, userId: owner.id })
      .onConflictDoNothing()
    // Registration does not verify emails, so whoever registered this address
    // before its owner arrived through GitHub may hold a session: the first
    // verification signs every existing session out.
    const [verified] = await tx
      .update(users)
      .set({ emailVerifiedAt: sql`now()`, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, owner.id), isNull(users.emailVerifiedAt)))
      .returning()
    return verified ?? owner
  })
  if (!member) return { ok: false, reason: 'no-verified-email' }
  if (member.disabledAt) return { ok: false, reason: 'disabled' }
  return { ok: true, member }
}

/** The member an identity is linked to, if any. */
export async function findMemberByOAuth(provider: string, providerAccountId: string): Promise<User | null> {
  const [linked] = await db
    .select({ user: users })
    .from(oauthAccounts)
    .innerJoin(users, eq(users.id, oauthAccounts.userId))
    .where(and(eq(oauthAccounts.provider, provider), eq(oauthAccounts.providerAccountId, providerAccountId)))
    .limit(1)
  return linked?.user ?? null
}
