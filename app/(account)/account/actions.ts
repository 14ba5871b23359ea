'use server'

import { redirect } from 'next/navigation'
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
 * failure limits as signing in: a stolen session must not become a way to guess it.
 */
async function confirmPassword(email: string, storedHash: string, password: string, ip: string) {
  return attemptPasswordCheck(email, ip, async () => ((await verifyPassword(storedHash, password)) ? true : null))
}

export const changePasswordAction = validatedAction(
  { permission: 'account.changePassword', schema: changePasswordSchema },
  async ({ currentPassword, newPassword }, { user, ip }) => {
    const member = await findMemberById(user.id)
    if (!member) return fail('账户不存在')
    // Members who joined through GitHub set a first password without one.
    if (member.passwordHash) {
      if (!currentPassword) return fail('请检查标出的内容', { currentPassword: '请填写当前密码' })
      const confirmed = await confirmPassword(member.email, member.passwordHash, currentPassword, ip)
      if (!confirmed.ok) {
        return confirmed.reason === 'rate-limited'
          ? fail(tooManyFailuresMessage(confirmed.retryAfterSeconds))
          : fail('当前密码不正确', { currentPassword: '当前密码不正确' })
      }
    }
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
    if (member.passwordHash) {
      if (!password) return fail('请检查标出的内容', { password: '请填写密码以确认删除' })
      const confirmed = await confirmPassword(member.email, member.passwordHash, password, ip)
      if (!confirmed.ok) {
        return confirmed.reason === 'rate-limited'
          ? fail(tooManyFailuresMessage(confirmed.retryAfterSeconds))
          : fail('密码不正确，账户没有删除', { password: '密码不正确' })
      }
    } else if (confirmEmail.trim().toLowerCase() !== member.email.toLowerCase()) {
      return fail('请检查标出的内容', { confirmEmail: '请输入您的邮箱以确认删除' })
    }
    await deleteMember(member.id)
    await clearSessionCookie()
    redirect('/account/deleted')
  },
)
