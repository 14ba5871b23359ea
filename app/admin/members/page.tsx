import type { Metadata } from 'next'
import Link from 'next/link'
import { Pagination } from '@/app/_components/lists/pagination'
import { formatAdminDateTime } from '@/lib/admin/dates'
import { queryString } from '@/lib/admin/listing'
import { listMembers, parseMemberQuery, type MemberListItem, type MemberQuery } from '@/lib/admin/member-directory'
import { requirePermission } from '@/lib/auth/current-user'
import { roleLabels } from '@/lib/auth/role-labels'
import { ActionButton } from '../_components/action-button'
import { ConfirmAction } from '../_components/confirm-action'
import { setMemberDisabledAction } from './actions'
import { RoleForm } from './role-form'

export const metadata: Metadata = { title: '成员' }

function membersHref(query: Pick<MemberQuery, 'text'>, page = 1): string {
  return `/admin/members${queryString({ q: query.text, page })}`
}

export default async function MembersPage({ searchParams }: PageProps<'/admin/members'>) {
  const user = await requirePermission('admin.members')
  const query = parseMemberQuery(await searchParams)
  const members = await listMembers(query)
  return (
    <>
      <h1>成员</h1>
      <form role="search" method="get" action="/admin/members" className="admin-search">
        <label htmlFor="members-search">搜索成员</label>
        <input id="members-search" name="q" type="search" defaultValue={query.text} placeholder="名称或邮箱" />
        <button type="submit" className="admin-button">
          搜索
        </button>
        {query.text ? <Link href={membersHref({ text: '' })}>清除搜索</Link> : null}
      </form>
      <div className="admin-table-wrap">
        <table className="admin-table">
          <caption>{query.text ? `名称或邮箱包含“${query.text}”的成员共 ${members.total} 位` : `成员共 ${members.total} 位，最新注册的在前`}</caption>
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">邮箱</th>
              <th scope="col">注册于</th>
              <th scope="col">状态</th>
              <th scope="col">角色</th>
              <th scope="col">账户</th>
            </tr>
          </thead>
          <tbody>
            {members.items.map((member) => (
              <MemberRow key={member.id} member={member} isSelf={member.id === user.id} />
            ))}
          </tbody>
        </table>
        {members.items.length === 0 ? <p className="admin-empty">没有符合条件的成员。</p> : null}
      </div>
      <Pagination current={members.page} total={members.pageCount} href={(page) => membersHref(query, page)} />
    </>
  )
}

function MemberRow({ member, isSelf }: { member: MemberListItem; isSelf: boolean }) {
  return (
    <tr className={member.disabledAt ? 'is-disabled' : undefined}>
      <th scope="row">
        <span className="admin-text">{member.name}</span>
        {isSelf ? <span className="admin-tag">您自己</span> : null}
      </th>
      <td className="admin-text">{member.email}</td>
      <td>
        <time dateTime={member.createdAt.toISOString()}>{formatAdminDateTime(member.createdAt)}</time>
      </td>
      <td>{member.disabledAt ? '已停用' : '正常'}</td>
      {/* Admins cannot change their own role or disable themselves; the actions refuse it too. */}
      <td>{isSelf ? roleLabels[member.role] : <RoleForm memberId={member.id} memberName={member.name} role={member.role} />}</td>
      <td>
        {isSelf ? null : member.disabledAt ? (
          <ActionButton action={setMemberDisabledAction} fields={{ id: member.id, disabled: 'false' }} label="启用" target={member.name} />
        ) : (
          <ConfirmAction
            action={setMemberDisabledAction}
            fields={{ id: member.id, disabled: 'true' }}
            label="停用"
            target={member.name}
            consequence="停用后该成员会立即退出所有设备，无法再登录、评论或留言。之后可以重新启用。"
          />
        )}
      </td>
    </tr>
  )
}
