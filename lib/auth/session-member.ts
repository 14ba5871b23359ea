import 'server-only'
import { eq, sql } from 'drizzle-orm'
import { db } from '@/db'
import { users, type User } from '@/db/schema'
import type { SessionClaims } from './session-claims'

export type SessionMemberRow = Pick<
  User,
  'id' | 'email' | 'name' | 'role' | 'disabledAt' | 'sessionVersion' | 'createdAt' | 'emailVerifiedAt'
> & { hasPassword: boolean }

/**
 * The member a session token stands for, or null when the token no longer
 * counts: the account is gone, or its session version moved on (password
 * changed, or an admin signed it out). Disabled members are returned; callers
 * treat them as the actor 'disabled'.
 */
export async function findSessionMember(claims: Pick<SessionClaims, 'sub' | 'sv'>): Promise<SessionMemberRow | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      emailVerifiedAt: users.emailVerifiedAt,
      sessionVersion: users.sessionVersion,
      createdAt: users.createdAt,
      // Whether a password exists, never the hash itself.
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(users)
    .where(eq(users.id, claims.sub))
    .limit(1)
  if (!row || row.sessionVersion !== claims.sv) return null
  return row
}
