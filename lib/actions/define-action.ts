import type { z } from 'zod'
import type { CurrentUser } from '@/lib/auth/current-user'
import type { GuestPermission, MemberPermission } from '@/lib/auth/permissions'
import type { ActionHandler, ActionOptions } from './validated-action'

/**
 * An action's options and handler as one value, kept in lib/ beside the domain
 * logic. The route's actions.ts wraps it with `validatedAction` (adding what only
 * a request can do, such as refreshing the page), and tests run the very same
 * permission, schema, limits and handler through `runValidatedAction`.
 */
export type MemberActionDefinition<S extends z.ZodType, T> = ActionOptions<MemberPermission, S, T> & {
  handler: ActionHandler<S, CurrentUser, T>
}

export type GuestActionDefinition<S extends z.ZodType, T> = ActionOptions<GuestPermission, S, T> & {
  handler: ActionHandler<S, CurrentUser | null, T>
}

/** For actions that need a signed-in member: the handler always gets one. */
export function defineMemberAction<S extends z.ZodType, T>(
  options: ActionOptions<MemberPermission, S, T>,
  handler: ActionHandler<S, CurrentUser, T>,
): MemberActionDefinition<S, T> {
  return { ...options, handler }
}

/** For actions visitors may use too: the handler gets null for them. */
export function defineGuestAction<S extends z.ZodType, T>(
  options: ActionOptions<GuestPermission, S, T>,
  handler: ActionHandler<S, CurrentUser | null, T>,
): GuestActionDefinition<S, T> {
  return { ...options, handler }
}
