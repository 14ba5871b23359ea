import 'server-only'
import { and, eq, sql } from 'drizzle-orm'
import { db } from '@/db'
import { oauthAccounts, users, type User } from '@/db/schema'
import { findDisplayNameProblem } from './display-name'
import { DISPLAY_NAME_MAX_LENGTH } from './field-limits'
import { initialRoleFor, normalizeEmail } from './members'

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
  | { ok: false; reason: 'no-verified-email' | 'disabled' | 'unverified-account' }

/** A display name from the provider if it passes our rule, else a neutral one. */
function displayNameFrom(name: string | null): string {
  const trimmed = Array.from((name ?? '').trim()).slice(0, DISPLAY_NAME_MAX_LENGTH).join('')
  return findDisplayNameProblem(trimmed) === null ? trimmed : 'GitHub 用户'
}

/**
 * Finds the member behind an external identity, creating or linking as needed:
 * - an identity seen before signs in its member;
 * - a new identity whose verified email matches an account whose address was
 *   proven (by our link, or GitHub before) is linked to it: one person, one account;
 * - a match with an account whose address was never proven is refused. Anyone
 *   could have registered that address with a password of their choosing, and
 *   linking would hand the owner's GitHub sign-in to them (pre-takeover). The
 *   owner takes the account over with "forgot password" (the link goes to
 *   their mailbox, proves the address and signs the squatter out) and can then
 *   use GitHub;
 * - otherwise a new member without a password is created, with the address
 *   proven, and an admin when ADMIN_EMAILS lists it (compared normalised).
 */
export async function signInWithOAuth(identity: OAuthIdentity): Promise<OAuthSignIn> {
  const outcome = await db.transaction(async (tx): Promise<User | 'no-verified-email' | 'unverified-account'> => {
    const [linked] = await tx
      .select({ user: users })
      .from(oauthAccounts)
      .innerJoin(users, eq(users.id, oauthAccounts.userId))
      .where(and(eq(oauthAccounts.provider, identity.provider), eq(oauthAccounts.providerAccountId, identity.providerAccountId)))
      .limit(1)
    if (linked) return linked.user
    if (!identity.verifiedEmail) return 'no-verified-email'

    const email = identity.verifiedEmail.trim()
    const [created] = await tx
      .insert(users)
      .values({ email, name: displayNameFrom(identity.name), role: initialRoleFor(email), emailVerifiedAt: sql`now()` })
      .onConflictDoNothing()
      .returning()
    const owner =
      created ??
      (
        await tx
          .select()
          .from(users)
          .where(eq(sql`lower(${users.email})`, normalizeEmail(email)))
          .limit(1)
          .for('update')
      )[0]
    if (!owner) throw new Error(`no member for ${identity.provider} email after insert`)
    if (!owner.emailVerifiedAt) return 'unverified-account'
    await tx
      .insert(oauthAccounts)
      .values({ provider: identity.provider, providerAccountId: identity.providerAccountId, userId: owner.id })
      .onConflictDoNothing()
    return owner
  })
  if (typeof outcome === 'string') return { ok: false, reason: outcome }
  if (outcome.disabledAt) return { ok: false, reason: 'disabled' }
  return { ok: true, member: outcome }
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
