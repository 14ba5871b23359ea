import type { Metadata } from 'next'
import { Pagination } from '@/app/_components/lists/pagination'
import type { AuditEntry } from '@/db/schema'
import { auditActionLabel, auditTargetLabels, listAuditEntries, parseAuditQuery } from '@/lib/admin/audit-trail'
import { formatAdminDateTime } from '@/lib/admin/dates'
import { queryString } from '@/lib/admin/listing'
import { requirePermission } from '@/lib/auth/current-user'

export const metadata: Metadata = { title: '审计日志' }

export default async function AuditLogPage({ searchParams }: PageProps<'/admin/audit'>) {
  await requirePermission('admin.audit')
  const query = parseAuditQuery(await searchParams)
  const entries = await listAuditEntries(query)
  return (
    <>
      <h1>审计日志</h1>
      <p className="muted">每一次管理操作：谁、在何时、对什么做了什么。</p>
      <div className="admin-table-wrap">
        <table className="admin-table">
          <caption>共 {entries.total} 条记录，最新的在前</caption>
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">操作者</th>
              <th scope="col">操作</th>
              <th scope="col">对象</th>
              <th scope="col">详情</th>
            </tr>
          </thead>
          <tbody>
            {entries.items.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={entry.createdAt.toISOString()}>{formatAdminDateTime(entry.createdAt)}</time>
                </td>
                <td className="admin-text">{entry.actorLabel}</td>
                <th scope="row">{auditActionLabel(entry.action)}</th>
                <td className="admin-text">
                  {auditTargetLabels[entry.targetType] ?? entry.targetType} {entry.targetId}
                </td>
                <td className="admin-text">
                  <AuditDetails details={entry.details} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {entries.items.length === 0 ? <p className="admin-empty">还没有任何记录。</p> : null}
      </div>
      <Pagination current={entries.page} total={entries.pageCount} href={(page) => `/admin/audit${queryString({ page })}`} />
    </>
  )
}

/** Details as "key: value" lines, as text: they may quote names people chose. */
function AuditDetails({ details }: { details: AuditEntry['details'] }) {
  if (!details) return null
  return (
    <>
      {Object.entries(details).map(([key, value]) => (
        <span key={key} className="admin-detail">
          {key}: {typeof value === 'string' ? value : JSON.stringify(value)}
        </span>
      ))}
    </>
  )
}
