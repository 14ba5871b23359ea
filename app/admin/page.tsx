import type { Metadata } from 'next'
import Link from 'next/link'
import { dashboardCounts } from '@/lib/admin/dashboard'
import { requirePermission } from '@/lib/auth/current-user'
import { can } from '@/lib/auth/permissions'

export const metadata: Metadata = { title: '概览' }

export default async function AdminDashboard() {
  const user = await requirePermission('admin.view')
  const counts = await dashboardCounts()
  return (
    <>
      <h1>概览</h1>
      <ul className="admin-stats">
        <li>
          <Link href="/admin/feedback?view=new">
            <span className="admin-stats__value">{counts.newFeedback}</span>
            <span className="admin-stats__label">条新留言</span>
          </Link>
        </li>
        <li>
          <Link href="/admin/comments">
            <span className="admin-stats__value">{counts.commentsToday}</span>
            <span className="admin-stats__label">条今日评论</span>
          </Link>
        </li>
        <li>
          <MembersStat href={can(user.actor, 'admin.members') ? '/admin/members' : undefined}>
            <span className="admin-stats__value">{counts.members}</span>
            <span className="admin-stats__label">
              位成员{counts.disabledMembers > 0 ? `（${counts.disabledMembers} 位已停用）` : ''}
            </span>
          </MembersStat>
        </li>
      </ul>
    </>
  )
}

/** Editors see the number; only admins can open the list. */
function MembersStat({ href, children }: { href?: string; children: React.ReactNode }) {
  return href ? <Link href={href}>{children}</Link> : <div>{children}</div>
}
