'use server'

import { redirect } from 'next/navigation'
import { fail } from '@/lib/actions/action-result'
import { validatedAction } from '@/lib/actions/validated-action'
import { safeCallbackPath } from '@/lib/auth/callback-url'
import { issueSessionCookie } from '@/lib/auth/session-cookie'
import { signInWithPassword } from '@/lib/auth/sign-in'
import { signInSchema } from '@/lib/auth/validation'
import { env } from '@/lib/env'

// Failed attempts are limited inside signInWithPassword (per account and per IP),
// since only failures count.
export const signInAction = validatedAction(
  { permission: 'account.signIn', schema: signInSchema },
  async ({ email, password, callbackUrl }, { ip }) => {
    const result = await signInWithPassword({ email, password, ip })
    if (!result.ok) return fail(result.message)
    await issueSessionCookie(result.member)
    redirect(safeCallbackPath(callbackUrl, env.SITE_URL))
  },
)
