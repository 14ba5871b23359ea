'use server'

import { redirect } from 'next/navigation'
import { fail } from '@/lib/actions/action-result'
import { validatedAction } from '@/lib/actions/validated-action'
import { safeCallbackPath } from '@/lib/auth/callback-url'
import { registerMember } from '@/lib/auth/members'
import { issueSessionCookie } from '@/lib/auth/session-cookie'
import { registerSchema } from '@/lib/auth/validation'
import { env } from '@/lib/env'
import { rateLimitRules } from '@/lib/rate-limit/rules'

export const registerAction = validatedAction(
  {
    permission: 'account.register',
    schema: registerSchema,
    rateLimit: { rule: rateLimitRules.registrationsPerIp, subject: ({ ip }) => ip, message: '注册过于频繁' },
  },
  async ({ name, email, password, callbackUrl }) => {
    const result = await registerMember({ name, email, password })
    if (!result.ok) {
      return fail('这个邮箱已经注册过了', { email: '这个邮箱已经注册过了。请直接登录，或换一个邮箱。' })
    }
    await issueSessionCookie(result.member)
    redirect(safeCallbackPath(callbackUrl, env.SITE_URL))
  },
)
