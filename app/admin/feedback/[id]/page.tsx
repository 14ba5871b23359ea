import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { formatAdminDateTime } from '@/lib/admin/dates'
import { findFeedback } from '@/lib/admin/feedback-inbox'
import { requirePermission } from '@/lib/auth/current-user'
import { can } from '@/lib/auth/permissions'
import { ConfirmAction } from '../../_components/confirm-action'
import { deleteFeedbackAction } from '../actions'
import { FeedbackStatusActions, feedbackStatusLabels } from '../feedback-actions'

export const metadata: Metadata = { title: '留言详情' }

export default async function FeedbackMessagePage({ params }: PageProps<'/admin/feedback/[id]'>) {
  const user = await requirePermission('admin.feedback')
  const { id } = await params
  const message = /^[1-9]\d{0,15}$/.test(id) ? await findFeedback(Number(id)) : null
  if (!message) notFound()
  return (
    <>
      <p>
        <Link href="/admin/feedback">← 返回留言列表</Link>
      </p>
      <h1>
        来自 <span className="admin-text">{message.name}</span> 的留言
      </h1>
      <dl className="admin-facts">
        <dt>邮箱</dt>
        <dd>{message.email ? <a href={`mailto:${message.email}`}>{message.email}</a> : <span className="muted">未填写</span>}</dd>
        <dt>成员账户</dt>
        <dd>
          {message.memberEmail === null ? (
            // Sent while signed out, or the member has since deleted the account.
            <span className="muted">无</span>
          ) : can(user.actor, 'admin.members') ? (
            <Link href={`/admin/members?q=${encodeURIComponent(message.memberEmail)}`}>
              {message.memberName}（{message.memberEmail}）
            </Link>
          ) : (
            `${message.memberName}（${message.memberEmail}）`
          )}
        </dd>
        <dt>收到于</dt>
        <dd>
          <time dateTime={message.createdAt.toISOString()}>{formatAdminDateTime(message.createdAt)}</time>
        </dd>
        <dt>状态</dt>
        <dd>
          {feedbackStatusLabels[message.status]}
          {message.readAt ? `（${formatAdminDateTime(message.readAt)} 已读）` : ''}
        </dd>
      </dl>
      <section aria-labelledby="feedback-body-heading">
        <h2 id="feedback-body-heading">内容</h2>
        <div className="admin-text admin-message-body" tabIndex={0} role="region" aria-label="留言内容">{message.body}</div>
      </section>
      <section aria-labelledby="feedback-actions-heading" className="admin-actions">
        <h2 id="feedback-actions-heading">处理</h2>
        <FeedbackStatusActions id={message.id} status={message.status} sender={message.name} />
        <ConfirmAction
          action={deleteFeedbackAction}
          fields={{ id: String(message.id) }}
          label="删除"
          target={`${message.name} 的留言`}
          consequence="留言会被永久删除，无法恢复。审计日志只保留发送者和时间。"
        />
      </section>
    </>
  )
}
