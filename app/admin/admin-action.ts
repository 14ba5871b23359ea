import 'server-only'
import { refresh } from 'next/cache'
import type { z } from 'zod'
import type { MemberActionDefinition } from '@/lib/actions/define-action'
import { validatedAction, type FormAction } from '@/lib/actions/validated-action'

/**
 * A server action of the admin area from its definition in lib/admin/actions.ts.
 * After a change `afterSuccess` runs: by default the current page is rendered
 * again in the same response, so lists, states and counts show it at once
 * (admin pages read the database on every request; nothing is cached). A page
 * whose subject is gone passes a `redirect` instead.
 */
export function adminAction<S extends z.ZodType, T>(
  definition: MemberActionDefinition<S, T>,
  afterSuccess: () => void = refresh,
): FormAction<T> {
  return validatedAction(definition, async (input, context) => {
    const outcome = await definition.handler(input, context)
    if (outcome.ok) afterSuccess()
    return outcome
  })
}
