import 'server-only'
import { z } from 'zod'
import { feedbackStatus, userRole, type FeedbackStatus } from '@/db/schema'
import { fail, succeed } from '@/lib/actions/action-result'
import { defineMemberAction } from '@/lib/actions/define-action'
import { setMemberDisabled, setMemberRole } from '@/lib/auth/members'
import { roleLabels } from '@/lib/auth/role-labels'
import { deleteFeedback, setFeedbackStatus } from '@/lib/feedback/status'

/**
 * Every action of the admin area: its permission, its form's schema, and what
 * it does. Comment moderation is not here: it is defined once, in
 * lib/comments/actions.ts, for the article page and /admin/comments alike. Each actions.ts under app/admin/ wraps these with `validatedAction`; tests run
 * the same definitions with a stubbed session. Each change writes its audit
 * entry in the same transaction (lib/feedback/status.ts, lib/comments/moderation.ts,
 * lib/auth/members.ts).
 */

const rowId = (what: string) => z.coerce.number({ error: `无效的${what}编号` }).int().positive(`无效的${what}编号`)
const memberId = z.uuid('无效的成员编号')
const flag = z.enum(['true', 'false']).transform((value) => value === 'true')

export const feedbackStatusChangeSchema = z.object({ id: rowId('留言'), status: z.enum(feedbackStatus.enumValues) })
export const feedbackDeletionSchema = z.object({ id: rowId('留言') })
export const memberRoleSchema = z.object({ id: memberId, role: z.enum(userRole.enumValues, '请选择角色') })
export const memberDisabledSchema = z.object({ id: memberId, disabled: flag })

const feedbackGone = '这条留言已不存在，可能已被删除'
const memberGone = '这个成员已不存在'

const feedbackStatusMessages: Record<FeedbackStatus, string> = {
  new: '已标为未读',
  read: '已标为已读',
  archived: '已归档',
}

export const changeFeedbackStatus = defineMemberAction(
  { permission: 'admin.feedback', schema: feedbackStatusChangeSchema },
  async ({ id, status }, { user }) => {
    const outcome = await setFeedbackStatus(user, id, status)
    return outcome === 'not-found' ? fail(feedbackGone) : succeed(null, feedbackStatusMessages[status])
  },
)

export const removeFeedback = defineMemberAction(
  { permission: 'admin.feedback', schema: feedbackDeletionSchema },
  async ({ id }, { user }) => {
    const outcome = await deleteFeedback(user, id)
    return outcome === 'not-found' ? fail(feedbackGone) : succeed(null, '留言已删除')
  },
)

export const changeMemberRole = defineMemberAction(
  { permission: 'admin.members', schema: memberRoleSchema },
  async ({ id, role }, { user }) => {
    // An admin cannot demote themselves, so the site always keeps at least one.
    if (id === user.id) return fail('不能更改自己的角色')
    const change = await setMemberRole({ id }, role, user)
    if (!change.ok) return fail(memberGone)
    return succeed(null, `${change.member.name} 现在是${roleLabels[role]}`)
  },
)

export const changeMemberDisabled = defineMemberAction(
  { permission: 'admin.members', schema: memberDisabledSchema },
  async ({ id, disabled }, { user }) => {
    if (id === user.id) return fail('不能停用自己的账户')
    const change = await setMemberDisabled(id, disabled, user)
    if (!change.ok) return fail(memberGone)
    return succeed(null, disabled ? `已停用 ${change.member.name}，其登录已全部退出` : `已启用 ${change.member.name}`)
  },
)
