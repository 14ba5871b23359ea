import type { Metadata } from 'next'
import Link from 'next/link'
import { Pagination } from '@/app/_components/lists/pagination'
import { formatAdminDateTime } from '@/lib/admin/dates'
import { queryString } from '@/lib/admin/listing'
import { countOutboxByStatus, listOutbox, mailKindLabels, mailStatusLabels, parseMailQuery, type MailStatusFilter } from '@/lib/admin/mail-queue'
import { requirePermission } from '@/lib/auth/current-user'

export const metadata: Metadata = { title: '邮件' }

const filters: MailStatusFilter[] = ['all', 'pending', 'failed', 'sent', 'cancelled']

function mailHref(status: MailStatusFilter, page = 1): string {
  return `/admin/mail${queryString({ status: status === 'all' ? undefined : status, page })}`
}

/**
 * The outbox as admins see it: every message of the last 30 days with its
 * status. A failed one says why (the SMTP server's answer); a pending one
 * with attempts has failed before and says when it tries again.
 */
export default async function MailPage({ searchParams }: PageProps<'/admin/mail'>) {
  await requirePermission('admin.mail')
  const query = parseMailQuery(await searchParams)
  const [messages, counts] = await Promise.all([listOutbox(query), countOutboxByStatus()])
  const total = counts.pending + counts.sent + counts.failed + counts.cancelled
  return (
    <>
      <h1>邮件</h1>
      <p className="muted">站点发出的每一封邮件：验证、重设密码、回复和留言通知。发送失败的会自动重试，最后一次仍失败或被收件服务器拒收时标为“发送失败”。</p>
      <nav className="admin-tabs" aria-label="邮件状态">
        <ul>
          {filters.map((status) => (
            <li key={status}>
              <Link href={mailHref(status)} aria-current={status === query.status ? 'page' : undefined}>
                {status === 'all' ? '全部' : mailStatusLabels[status]} ({status === 'all' ? total : counts[status]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-table-wrap">
        <table className="admin-table">
          <caption>共 {messages.total} 封，最新的在前</caption>
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">类型</th>
              <th scope="col">收件人</th>
              <th scope="col">主题</th>
              <th scope="col">状态</th>
              <th scope="col">尝试次数</th>
              <th scope="col">说明</th>
            </tr>
          </thead>
          <tbody>
            {messages.items.map((message) => (
              <tr key={message.id}>
                <td>
                  <time dateTime={message.createdAt.toISOString()}>{formatAdminDateTime(message.createdAt)}</time>
                </td>
                <td>{mailKindLabels[message.kind]}</td>
                <td className="admin-text">{message.toAddress}</td>
                <th scope="row" className="admin-text">
                  {message.subject}
                </th>
                <td>{mailStatusLabels[message.status]}</td>
                <td>{message.attempts}</td>
                <td className="admin-text">
                  {message.status === 'sent' && message.sentAt ? `发送于 ${formatAdminDateTime(message.sentAt)}` : null}
                  {message.status === 'pending' && message.attempts > 0 ? `下次尝试：${formatAdminDateTime(message.nextAttemptAt)}。` : null}
                  {message.status !== 'sent' && message.lastError ? message.lastError : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {messages.items.length === 0 ? <p className="admin-empty">没有邮件。</p> : null}
      </div>
      <Pagination current={messages.page} total={messages.pageCount} href={(page) => mailHref(query.status, page)} />
    </>
  )
}
