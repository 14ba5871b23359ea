import { isRedirectError } from 'next/dist/client/components/redirect-error'
import type { User } from '@/db/schema'
import type { ActionResult } from '@/lib/actions/action-result'
import { runValidatedAction, type ActionEnvironment } from '@/lib/actions/validated-action'
import type { GuestActionDefinition, MemberActionDefinition } from '@/lib/actions/define-action'
import type { CurrentUser } from '@/lib/auth/current-user'
import { consumeRateLimit } from '@/lib/rate-limit/rate-limit'
import type { RateLimitRule } from '@/lib/rate-limit/rules'
import type { z } from 'zod'

/**
 * Running action definitions (lib/admin/actions.ts, lib/feedback/send-feedback.ts)
 * as a request would: with a session, a client address and the real limits in
 * the test database, but without Next.js around them.
 */

/** The session's view of a member row; `actor` defaults to their role, or 'disabled'. */
export function sessionOf(member: User, actor?: CurrentUser['actor']): CurrentUser {
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    role: member.role,
    actor: actor ?? (member.disabledAt ? 'disabled' : member.role),
    hasPassword: member.passwordHash !== null,
    emailVerified: member.emailVerifiedAt !== null,
    createdAt: member.createdAt,
  }
}

export function requestAs(user: CurrentUser | null, ip = '192.0.2.10', overrides: Partial<ActionEnvironment> = {}): ActionEnvironment {
  return { getCurrentUser: async () => user, getClientIp: async () => ip, consumeRateLimit, ...overrides }
}

/**
 * The test-only way past a limit that is not under test (e.g. one comment per
 * 10 s, when 100 comments are posted at once): every rule is counted in the
 * database as usual, under its own keys, but allows `factor` times as many
 * events. Injected through the action environment, so no flag exists in the
 * application that could switch limits off in production.
 */
export function relaxedRule(rule: RateLimitRule, factor = 1000): RateLimitRule {
  return { name: rule.name, windows: rule.windows.map((window) => ({ limit: window.limit * factor, seconds: window.seconds })) }
}

export function requestWithRelaxedLimits(user: CurrentUser | null, ip = '192.0.2.10', factor = 1000): ActionEnvironment {
  return requestAs(user, ip, { consumeRateLimit: (rule, subject, repeatOf) => consumeRateLimit(relaxedRule(rule, factor), subject, repeatOf) })
}

export function formOf(fields: Record<string, string | number | boolean>): FormData {
  const data = new FormData()
  for (const [name, value] of Object.entries(fields)) data.append(name, String(value))
  return data
}

export type AnyDefinition<S extends z.ZodType, T> = MemberActionDefinition<S, T> | GuestActionDefinition<S, T>

export function runAction<S extends z.ZodType, T>(
  definition: AnyDefinition<S, T>,
  fields: Record<string, string | number | boolean> | FormData,
  environment: ActionEnvironment,
) {
  const formData = fields instanceof FormData ? fields : formOf(fields)
  return runValidatedAction(definition, definition.handler, formData, environment)
}

/** What a form sees after submitting: the action's result, or the page `redirect()` sent it to (sign-in, registration). */
export type Submission<T> = ActionResult<T> | { ok: true; redirectedTo: string }

/** `runAction` for actions whose success ends in `redirect()`, which throws outside Next.js. */
export async function runActionFollowingRedirect<S extends z.ZodType, T>(
  definition: AnyDefinition<S, T>,
  fields: Record<string, string | number | boolean> | FormData,
  environment: ActionEnvironment,
): Promise<Submission<T>> {
  try {
    return await runAction(definition, fields, environment)
  } catch (error) {
    if (!isRedirectError(error)) throw error
    return { ok: true, redirectedTo: error.digest.split(';')[2] ?? '' }
  }
}
