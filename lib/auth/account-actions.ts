import 'server-only'
import { redirect } from 'next/navigation'
import type { User } from '@/db/schema'
import { fail, succeed } from '@/lib/actions/action-result'
import { defineGuestAction, defineMemberAction } from '@/lib/actions/define-action'
import { env } from '@/lib/env'
import { rateLimitRules } from '@/lib/rate-limit/rules'
import { safeCallbackPath } from './callback-url'
import { changeMemberPassword, deleteMember, findMemberById, registerMember, renameMember } from './members'
import { verifyPassword } from './password-hash'
import { clearSessionCookie, issueSessionCookie } from './session-cookie'
import { attemptPasswordCheck, signInWithPassword, tooManyFailuresMessage } from './sign-in'
import { changePasswordSchema, deleteAccountSchema, registerSchema, renameSchema, signInSchema } from './validation'

/**
 * Every action of /register, /login and /account: its permission, its form's
 * schema, its limits and what it does. The route's actions.ts wraps each with
 * `validatedAction`; tests run the same definitions with a stubbed session
 * (tests/support/actions.ts). Successful sign-ins and registrations end in
 * `redirect()`, as Next.js expects from a server action.
 */

export const registerAccount = defineGuestAction(
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

// Failed attempts are limited inside signInWithPassword (per account and per IP),
// since only failures count.
export const signIn = defineGuestAction(
  { permission: 'account.signIn', schema: signInSchema },
  async ({ email, password, callbackUrl }, { ip }) => {
    const result = await signInWithPassword({ email, password, ip })
    if (!result.ok) return fail(result.message)
    await issueSessionCookie(result.member)
    redirect(safeCallbackPath(callbackUrl, env.SITE_URL))
  },
)

export const renameAccount = defineMemberAction(
  { permission: 'account.rename', schema: renameSchema },
  async ({ name }, { user }) => {
    await renameMember(user.id, name)
    return succeed({ name }, '显示名称已更新')
  },
)

/**
 * Confirms the member's own password before a sensitive change, under the same
 * failure limits as signing in: a stolen session must not become a way to guess
 * it. Returns the refusal to show, or null when the password is right or the
 * member has none (joined through GitHub).
 */
async function refuseUnlessOwnPassword(member: User, password: string, ip: string, field: string) {
  if (!member.passwordHash) return null
  const storedHash = member.passwordHash
  if (!password) return fail('请检查标出的内容', { [field]: '请填写密码' })
  const confirmed = await attemptPasswordCheck(member.email, ip, async () => ((await verifyPassword(storedHash, password)) ? true : null))
  if (confirmed.ok) return null
  return confirmed.reason === 'rate-limited'
    ? fail(tooManyFailuresMessage(confirmed.retryAfterSeconds))
    : fail('密码不正确', { [field]: '密码不正确' })
}

export const changeAccountPassword = defineMemberAction(
  { permission: 'account.changePassword', schema: changePasswordSchema },
  async ({ currentPassword, newPassword }, { user, ip }) => {
    const member = await findMemberById(user.id)
    if (!member) return fail('账户不存在')
    const refusal = await refuseUnlessOwnPassword(member, currentPassword, ip, 'currentPassword')
    if (refusal) return refusal
    if (newPassword.trim().toLowerCase() === member.email.toLowerCase()) {
      return fail('请检查标出的内容', { newPassword: '密码不能与邮箱相同' })
    }
    const updated = await changeMemberPassword(member.id, newPassword)
    // The new session version signs out every other browser; this one stays signed in.
    await issueSessionCookie(updated)
    return succeed(null, '密码已更新。其他设备上的登录均已退出。')
  },
)

export const deleteAccount = defineMemberAction(
  { permission: 'account.delete', schema: deleteAccountSchema },
  async ({ password, confirmEmail }, { user, ip }) => {
    const member = await findMemberById(user.id)
    if (!member) return fail('账户不存在')
    const refusal = await refuseUnlessOwnPassword(member, password, ip, 'password')
    if (refusal) return refusal
    if (!member.passwordHash && confirmEmail.trim().toLowerCase() !== member.email.toLowerCase()) {
      return fail('请检查标出的内容', { confirmEmail: '请输入您的邮箱以确认删除' })
    }
    await deleteMember(member.id)
    await clearSessionCookie()
    redirect('/account/deleted')
  },
)
