import 'server-only'
import type { z } from 'zod'
import { isDatabaseUnavailableError } from '@/db/errors'
import type { CurrentUser } from '@/lib/auth/current-user'
import { can, type Actor, type GuestPermission, type MemberPermission, type Permission } from '@/lib/auth/permissions'
import { consumeRateLimit, type RateLimitDecision } from '@/lib/rate-limit/rate-limit'
import { logger } from '@/lib/log/logger'
import { rateLimitMessage } from '@/lib/rate-limit/retry-message'
import type { RateLimitRule } from '@/lib/rate-limit/rules'
import { getClientIp } from '@/lib/request/client-ip'
import { actionMessages, fail, type ActionOutcome, type ActionResult, type ActionState, type FieldErrors } from './action-result'
import { echoableValues, formDataToObject } from './form-data'

/**
 * The one way to write a server action. Every action:
 * 1. resolves who is asking and checks `permission` in lib/auth/permissions.ts;
 * 2. parses the form with `schema` (the same one the form's fields follow);
 * 3. counts the request against `rateLimit`, if any;
 * 4. runs `handler`, and returns an `ActionResult` the form can render.
 *
 * Refusals at any step are values with a Chinese message and the submitted
 * values (minus passwords). A database that cannot be reached, at any step,
 * becomes "数据库暂时不可用，请稍后再试" here, so no action shows a 500 for it;
 * any other error is a bug and goes to error.tsx. `redirect()` in a handler works
 * as usual.
 *
 *   export const renameAction = validatedAction(
 *     { permission: 'account.rename', schema: renameSchema },
 *     async ({ name }, { user }) => { await renameMember(user.id, name); return succeed(null, '已保存') },
 *   )
 */

export interface ActionContext<User extends CurrentUser | null> {
  /** The signed-in member; never null for permissions that guests lack. */
  user: User
  actor: Actor
  /** The client address (lib/request/client-ip.ts), for IP-based limits. */
  ip: string
}

/** One limit an action applies before its handler runs, e.g. registrations per IP. */
export interface ActionRateLimit<Input = unknown> {
  rule: RateLimitRule
  /**
   * What to count under: the IP, the member's id, a hash of the address the
   * form names, … or null when the limit does not apply to this request (a
   * per-member limit and a visitor).
   */
  subject: (context: ActionContext<CurrentUser | null>, input: Input) => string | null
  /** Start of the message, e.g. '注册过于频繁'; default '操作过于频繁'. */
  message?: string
}

export interface ActionOptions<P extends Permission, S extends z.ZodType, T = unknown> {
  permission: P
  schema: S
  rateLimit?: ActionRateLimit<z.output<S>> | readonly ActionRateLimit<z.output<S>>[]
  /**
   * Refuse members whose address is not proven yet (commenting): checked after
   * the form is parsed, before limits are counted.
   */
  requiresVerifiedEmail?: boolean
  /**
   * For idempotent actions: the outcome of an earlier request that this one
   * repeats (same idempotency key), or null. Asked after the input is parsed
   * and before limits are counted, so a retried request gets its first answer
   * instead of "too frequent", and counts nothing.
   */
  replay?: (input: z.output<S>, context: ActionContext<CurrentUser | null>) => Promise<ActionOutcome<T> | null>
  /**
   * For idempotent actions: the key a repeated request shares with the first
   * (the form's idempotency key). Limits count the first only; a repeat that
   * arrives while the first is still running, too early for `replay` to find
   * its result, passes them uncounted. The handler must then give the first
   * request's result back (postComment does, through a unique index).
   */
  idempotencyKey?: (input: z.output<S>) => string
}

/** The signature `useActionState` expects. */
export type FormAction<T> = (previous: ActionState<T>, formData: FormData) => Promise<ActionResult<T>>

export type ActionHandler<S extends z.ZodType, User extends CurrentUser | null, T> = (
  input: z.output<S>,
  context: ActionContext<User>,
) => Promise<ActionOutcome<T>>

type AnyHandler<S extends z.ZodType, T> = ActionHandler<S, CurrentUser, T> | ActionHandler<S, CurrentUser | null, T>

/** Where the wrapper gets the request's user, address and limits; tests substitute their own. */
export interface ActionEnvironment {
  getCurrentUser(): Promise<CurrentUser | null>
  getClientIp(): Promise<string>
  consumeRateLimit(rule: RateLimitRule, subject: string, repeatOf?: string): Promise<RateLimitDecision>
}

const nextEnvironment: ActionEnvironment = {
  // Loaded with the first request: the session module pulls in Next.js's navigation,
  // which scripts and benchmarks that run action definitions outside Next.js cannot load.
  getCurrentUser: async () => (await import('@/lib/auth/current-user')).getCurrentUser(),
  getClientIp,
  consumeRateLimit,
}

export function validatedAction<S extends z.ZodType, T>(
  options: ActionOptions<MemberPermission, S, T>,
  handler: ActionHandler<S, CurrentUser, T>,
): FormAction<T>
export function validatedAction<S extends z.ZodType, T>(
  options: ActionOptions<GuestPermission, S, T>,
  handler: ActionHandler<S, CurrentUser | null, T>,
): FormAction<T>
export function validatedAction<S extends z.ZodType, T>(
  options: ActionOptions<Permission, S, T>,
  handler: AnyHandler<S, T>,
): FormAction<T> {
  return (_previous, formData) => runValidatedAction(options, handler, formData, nextEnvironment)
}

// The overloads pair every permission a guest holds with a handler that accepts
// a null user; member-only permissions never reach a handler without a user.
function acceptsGuests<S extends z.ZodType, T>(
  handler: AnyHandler<S, T>,
  permission: Permission,
): handler is ActionHandler<S, CurrentUser | null, T> {
  return can('guest', permission)
}

function refusalFor(actor: Actor): string {
  if (actor === 'guest') return actionMessages.signInRequired
  if (actor === 'disabled') return actionMessages.disabled
  return actionMessages.forbidden
}

function fieldErrorsOf(error: z.ZodError): { fieldErrors: FieldErrors; formError?: string } {
  const fieldErrors: FieldErrors = {}
  let formError: string | undefined
  for (const issue of error.issues) {
    const field = issue.path[0]
    if (typeof field === 'string') fieldErrors[field] ??= issue.message
    else formError ??= issue.message
  }
  return { fieldErrors, formError }
}

/** The body of every action; exported for tests, which pass their own environment. */
export async function runValidatedAction<S extends z.ZodType, T>(
  options: ActionOptions<Permission, S, T>,
  handler: AnyHandler<S, T>,
  formData: FormData,
  environment: ActionEnvironment,
): Promise<ActionResult<T>> {
  // React hands over whatever arguments a request encodes: a hand-made one can carry no form at all.
  if (!(formData instanceof FormData)) return { ok: false, error: actionMessages.invalidRequest, fieldErrors: {}, values: {} }
  const values = echoableValues(formData)
  const refuse = (refusal: { error: string; fieldErrors?: FieldErrors }): ActionResult<T> => ({
    ok: false,
    error: refusal.error,
    fieldErrors: refusal.fieldErrors ?? {},
    values,
  })

  try {
    const user = await environment.getCurrentUser()
    const actor: Actor = user?.actor ?? 'guest'
    if (!can(actor, options.permission)) return refuse(fail(refusalFor(actor)))

    const parsed = options.schema.safeParse(formDataToObject(formData))
    if (!parsed.success) {
      const { fieldErrors, formError } = fieldErrorsOf(parsed.error)
      return refuse(fail(formError ?? actionMessages.invalidInput, fieldErrors))
    }

    if (options.requiresVerifiedEmail && user && !user.emailVerified) return refuse(fail(actionMessages.emailUnverified))

    const ip = await environment.getClientIp()
    if (options.replay) {
      const earlier = await options.replay(parsed.data, { user, actor, ip })
      if (earlier) return earlier.ok ? earlier : refuse(earlier)
    }
    const limits = options.rateLimit === undefined ? [] : [options.rateLimit].flat()
    const repeatOf = options.idempotencyKey?.(parsed.data)
    for (const limit of limits) {
      const subject = limit.subject({ user, actor, ip }, parsed.data)
      if (subject === null) continue
      const decision =
        repeatOf === undefined
          ? await environment.consumeRateLimit(limit.rule, subject)
          : await environment.consumeRateLimit(limit.rule, subject, repeatOf)
      if (!decision.allowed) return refuse(fail(rateLimitMessage(decision.retryAfterSeconds, limit.message)))
    }

    let outcome: ActionOutcome<T>
    if (user) outcome = await handler(parsed.data, { user, actor, ip })
    else if (acceptsGuests(handler, options.permission)) outcome = await handler(parsed.data, { user: null, actor, ip })
    else return refuse(fail(actionMessages.signInRequired))
    return outcome.ok ? outcome : refuse(outcome)
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      logger.error('server action: database unavailable', { error: error instanceof Error ? error.message : String(error) })
      return refuse(fail(actionMessages.databaseUnavailable))
    }
    throw error
  }
}
