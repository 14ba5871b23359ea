import { describeTarget } from '@/db/connection'
import { explainDatabaseError } from '@/db/errors'
import { databaseTargetFromEnv } from '@/db'
import { setMemberRole } from '@/lib/auth/members'
import { userRole, type UserRole } from '@/db/schema'

export interface CommandResult {
  code: number
  /** Lines for the operator; errors go to stderr. */
  out: string[]
  err: string[]
}

export const USAGE = `Usage: npm run user:role -- <email> <${userRole.enumValues.join('|')}>`

function isRole(value: string | undefined): value is UserRole {
  return userRole.enumValues.some((role) => role === value)
}

/**
 * `npm run user:role -- <email> <role>`: sets a member's role and writes an audit
 * entry. Takes the database from the environment like the server.
 */
export async function runUserRoleCommand(args: readonly string[]): Promise<CommandResult> {
  const [email, role, ...extra] = args
  if (!email || !isRole(role) || extra.length > 0) {
    return { code: 2, out: [], err: [USAGE] }
  }
  try {
    const change = await setMemberRole({ email }, role, { id: null, label: 'command line (npm run user:role)' })
    if (!change.ok) return { code: 1, out: [], err: [`No member has the email ${email}.`] }
    const who = `${change.member.email} (${change.member.name})`
    if (change.from === change.to) return { code: 0, out: [`${who} is already ${role}; nothing changed.`], err: [] }
    return { code: 0, out: [`${who}: ${change.from} → ${change.to}. They see it at their next request.`], err: [] }
  } catch (error) {
    return { code: 1, out: [], err: [explainDatabaseError(error, describeTarget(databaseTargetFromEnv()))] }
  }
}

