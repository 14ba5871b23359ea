import 'server-only'
import { notFound, redirect } from 'next/navigation'
import { cache } from 'react'
import type { UserRole } from '@/db/schema'
import { can, permissions, type Actor, type GuestPermission, type MemberPermission, type Permission } from './permissions'
import { readSessionClaims } from './session-cookie'
import { findSessionMember } from './session-member'

/** The signed-in member as server code sees them. Never carries the password hash. */
export interface CurrentUser {
  id: string
  email: string
  name: string
  role: UserRole
  /** `role`, or 'disabled' for a disabled account: what permissions are checked against. */
  actor: Exclude<Actor, 'guest'>
  /** False for members who only sign in through GitHub. */
  hasPassword: boolean
  /** Whether the address was proven (a mailed link, a password reset, GitHub): needed to comment. */
  emailVerified: boolean
  createdAt: Date
}

/**
 * Reads this request's session and confirms it against the database: the member
 * exists and the token's session version is current. Disabled members are
 * returned with actor 'disabled', so check permissions (`can`, `requirePermission`)
 * rather than the mere presence of a user. Memoized per request.
 *
 * Throws when the database is unreachable: pages show error.tsx, and
 * `validatedAction` turns it into "数据库暂时不可用".
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const claims = await readSessionClaims()
  if (!claims) return null
  const member = await findSessionMember(claims)
  if (!member) return null
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    role: member.role,
    actor: member.disabledAt ? 'disabled' : member.role,
    hasPassword: member.hasPassword,
    emailVerified: member.emailVerifiedAt !== null,
    createdAt: member.createdAt,
  }
})

export async function getActor(): Promise<Actor> {
  return (await getCurrentUser())?.actor ?? 'guest'
}

/** Permissions a signed-in, enabled member could have: worth sending a visitor to sign in. */
function isOpenToMembers(permission: Permission): boolean {
  const allowed: readonly Actor[] = permissions[permission]
  return allowed.includes('member')
}

export interface RequirePermissionOptions {
  /** Path to come back to after signing in, e.g. '/account'. Default: '/'. */
  returnTo?: string
}

/**
 * Guards a page. Returns the current user when they hold `permission`. Otherwise:
 * - a visitor, for something members may do (e.g. /account): redirected to
 *   /login?callbackUrl=<returnTo>;
 * - everyone else (a member at an admin page, a disabled member, a visitor at an
 *   admin page): 404, so the admin area does not announce itself.
 */
export async function requirePermission(permission: MemberPermission, options?: RequirePermissionOptions): Promise<CurrentUser>
export async function requirePermission(permission: GuestPermission, options?: RequirePermissionOptions): Promise<CurrentUser | null>
export async function requirePermission(permission: Permission, options: RequirePermissionOptions = {}): Promise<CurrentUser | null> {
  const user = await getCurrentUser()
  const actor = user?.actor ?? 'guest'
  if (can(actor, permission)) return user
  if (actor === 'guest' && isOpenToMembers(permission)) {
    redirect(`/login?${new URLSearchParams({ callbackUrl: options.returnTo ?? '/' })}`)
  }
  notFound()
}
