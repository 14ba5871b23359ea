import 'server-only'
import { redirect } from 'next/navigation'
import type { User } from '@/db/schema'
import { fail, succeed } from '@/lib/actions/action-result'
import { defineGuestAction, defineMemberAction } from '@/lib/actions/define-action'
import { env } from '@/lib/env'
import { rateLimitRules } from '@/lib/rate-limit/rules'
import { safeCallbackPath } from '@/lib/auth/callback-url'
import { setNotificationSettings } from '@/lib/mail/notifications'
import {
  requestEmailChange,
  requestPasswordReset,
  resendVerification,
  resetPasswordWithToken,
  verifyEmailWithToken,
  type ResetPasswordOutcome,
  type VerifyEmailOutcome,
} from '@/lib/auth/email-links'
import { changeMemberPassword, deleteMember, findMemberById, normalizeEmail, registerMember, renameMember } from '@/lib/auth/members'
import { verifyPassword } from '@/lib/auth/password-hash'
import { clearSessionCookie, issueSessionCookie } from '@/lib/auth/session-cookie'
import { accountSubject, attemptPasswordCheck, signInWithPassword, tooManyFailuresMessage } from '@/lib/auth/sign-in'
import {
  changeEmailSchema,
  changePasswordSchema,
  deleteAccountSchema,
  forgotPasswordSchema,
  notificationSettingsSchema,
  registerSchema,
  renameSchema,
  resendVerificationSchema,
  resetPasswordSchema,
  signInSchema,
  verifyEmailSchema,
} from '@/lib/auth/validation'

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

// ─── Mailed links ───────────────────────────────────────────────────────────

/** The one answer to "forgot password", whether or not the address has an account. */
export const PASSWORD_RESET_REQUESTED_MESSAGE = '如果这个邮箱注册过账户，重设密码的链接已经发出，30 分钟内有效。请查收邮件（也看看垃圾邮件）。'

export const requestPasswordResetAccount = defineGuestAction(
  {
    permission: 'account.requestPasswordReset',
    schema: forgotPasswordSchema,
    rateLimit: [
      { rule: rateLimitRules.passwordResetsPerIp, subject: ({ ip }) => ip, message: '请求过于频繁' },
      // Keyed by a hash of the address, counted for unknown addresses too: the limit reveals nothing.
      { rule: rateLimitRules.passwordResetsPerAccount, subject: (_context, { email }) => accountSubject(email), message: '请求过于频繁' },
    ],
  },
  async ({ email }) => {
    await requestPasswordReset(email)
    return succeed(null, PASSWORD_RESET_REQUESTED_MESSAGE)
  },
)

const expiredLinkMessages = {
  used: '这个链接已经用过了。',
  expired: '这个链接已经过期。',
  unknown: '这个链接无效。',
} as const

function resetRefusal(outcome: Exclude<ResetPasswordOutcome, { ok: true }>) {
  if (outcome.reason === 'same-as-email') return fail('请检查标出的内容', { password: '密码不能与邮箱相同' })
  if (outcome.reason === 'disabled') return fail('该账户已被停用，无法重设密码。')
  return fail(`${expiredLinkMessages[outcome.reason]}请重新申请重设密码。`)
}

export const resetPasswordAccount = defineGuestAction(
  { permission: 'account.resetPassword', schema: resetPasswordSchema },
  async ({ token, password }) => {
    const outcome = await resetPasswordWithToken(token, password)
    if (!outcome.ok) return resetRefusal(outcome)
    return succeed(null, '密码已重设，所有设备上的登录均已退出。请用新密码登录。')
  },
)

function verifyRefusal(outcome: Exclude<VerifyEmailOutcome, { ok: true }>) {
  if (outcome.reason === 'email-taken') return fail('这个邮箱已经属于另一个账户，无法换成它。')
  if (outcome.reason === 'disabled') return fail('该账户已被停用。')
  return fail(`${expiredLinkMessages[outcome.reason]}登录后可以在账户页重新发送验证邮件。`)
}

export const verifyEmailAccount = defineGuestAction(
  { permission: 'account.verifyEmail', schema: verifyEmailSchema },
  async ({ token }) => {
    const outcome = await verifyEmailWithToken(token)
    if (!outcome.ok) return verifyRefusal(outcome)
    const message = outcome.changed ? `邮箱已更换为 ${outcome.email}，并已验证。` : `邮箱 ${outcome.email} 已验证，现在可以发表评论了。`
    return succeed({ email: outcome.email }, message)
  },
)

export const resendVerificationAccount = defineMemberAction(
  {
    permission: 'account.resendVerification',
    schema: resendVerificationSchema,
    rateLimit: { rule: rateLimitRules.verificationMailsPerMember, subject: ({ user }) => user?.id ?? null, message: '发送过于频繁' },
  },
  async ({ email }, { user }) => {
    if (normalizeEmail(email) !== normalizeEmail(user.email)) return fail('账户的邮箱已经变了，请刷新页面。')
    const result = await resendVerification(user.id)
    if (result === 'already-verified') return succeed(null, '邮箱已经验证过了。')
    if (result === 'no-member') return fail('账户不存在')
    return succeed(null, `验证邮件已发到 ${user.email}，24 小时内有效。之前发出的链接已失效。`)
  },
)

export const changeAccountEmail = defineMemberAction(
  {
    permission: 'account.changeEmail',
    schema: changeEmailSchema,
    rateLimit: { rule: rateLimitRules.verificationMailsPerMember, subject: ({ user }) => user?.id ?? null, message: '发送过于频繁' },
  },
  async ({ email, password }, { user, ip }) => {
    const member = await findMemberById(user.id)
    if (!member) return fail('账户不存在')
    const refusal = await refuseUnlessOwnPassword(member, password, ip, 'password')
    if (refusal) return refusal
    const result = await requestEmailChange(member.id, email)
    if (result === 'same') return fail('请检查标出的内容', { email: '这就是你现在的邮箱' })
    if (result === 'taken') return fail('请检查标出的内容', { email: '这个邮箱已经属于另一个账户' })
    if (result === 'no-member') return fail('账户不存在')
    return succeed({ pendingEmail: email }, `确认链接已发到 ${email}，24 小时内有效。打开之前，登录和通知仍使用 ${member.email}。`)
  },
)

export const updateNotificationSettings = defineMemberAction(
  { permission: 'account.notifications', schema: notificationSettingsSchema },
  async ({ replies, feedback }, { user }) => {
    // Only editors and admins receive feedback; the switch is ignored for others.
    const settings = { replies, feedback: user.role !== 'member' && feedback }
    await setNotificationSettings(user.id, settings)
    return succeed(settings, '通知设置已保存')
  },
)
