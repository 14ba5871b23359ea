'use server'

import { redirect } from 'next/navigation'
import type { User } from '@/db/schema'
import { fail, succeed } from '@/lib/actions/action-result'
import { validatedAction } from '@/lib/actions/validated-action'
import { changeMemberPassword, deleteMember, findMemberById, renameMember } from '@/lib/auth/members'
import { verifyPassword } from '@/lib/auth/password-hash'
import { clearSessionCookie, issueSessionCookie } from '@/lib/auth/session-cookie'
import { attemptPasswordCheck, tooManyFailuresMessage } from '@/lib/auth/sign-in'
import { changePasswordSchema, deleteAccountSchema, renameSchema } from '@/lib/auth/validation'

export const renameAction = validatedAction(
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

export const changePasswordAction = validatedAction(
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

export const deleteAccountAction = validatedAction(
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
