import { z } from 'zod'
import { userRole, type User } from '@/db/schema'

/**
 * What a session token says about its member. Only `sub` and `sv` are trusted,
 * and only after the database confirms them (lib/auth/session-member.ts); the
 * name and role are refreshed from the database on every read.
 */
export const sessionClaimsSchema = z.object({
  sub: z.uuid(),
  sv: z.number().int().nonnegative(),
  name: z.string(),
  role: z.enum(userRole.enumValues),
})
export type SessionClaims = z.infer<typeof sessionClaimsSchema>

export type SessionMember = Pick<User, 'id' | 'name' | 'role' | 'sessionVersion'>

export function claimsFor(member: SessionMember): SessionClaims {
  return { sub: member.id, sv: member.sessionVersion, name: member.name, role: member.role }
}
