import type { Metadata } from 'next'
import { countFeedbackByStatus } from '@/lib/admin/feedback-inbox'
import { requirePermission } from '@/lib/auth/current-user'
import { can } from '@/lib/auth/permissions'
import { AdminNav, type AdminNavItem } from './_components/admin-nav'

export const metadata: Metadata = { title: { template: '%s - 管理 - 格物志', default: '管理 - 格物志' }, robots: { index: false } }

/**
 * The editors' area. This check hides the frame from everyone else; every page
 * and every action checks its own permission again, since a layout is not
 * re-run on every navigation.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePermission('admin.view')
  const { new: newFeedback } = await countFeedbackByStatus()
  const items: AdminNavItem[] = [
    { href: '/admin', label: '概览' },
    { href: '/admin/feedback', label: '留言', badge: newFeedback },
    { href: '/admin/comments', label: '评论' },
  ]
  if (can(user.actor, 'admin.members')) items.push({ href: '/admin/members', label: '成员' })
  if (can(user.actor, 'admin.audit')) items.push({ href: '/admin/audit', label: '审计日志' })
  if (can(user.actor, 'admin.mail')) items.push({ href: '/admin/mail', label: '邮件' })
  return (
    <div className="admin-frame">
      <AdminNav items={items} />
      <main id="main" className="admin-main">
        {children}
      </main>
    </div>
  )
}
