import 'server-only'
import { count, desc, eq, sql } from 'drizzle-orm'
import { db } from '@/db'
import { mailOutbox, mailStatus, type MailKind, type MailStatus } from '@/db/schema'
import { firstParam } from '@/lib/request/search-params'
import { ADMIN_PAGE_SIZE, offsetOf, pageOf, pageParam, type Page, type QueryParams } from './listing'

/** /admin/mail: the outbox, newest first, by status. Bodies are never read here. */

export const mailStatusLabels: Record<MailStatus, string> = {
  pending: '待发送',
  sent: '已发送',
  failed: '发送失败',
  cancelled: '已取消',
}

export const mailKindLabels: Record<MailKind, string> = {
  'verify-email': '邮箱验证',
  'reset-password': '重设密码',
  reply: '回复通知',
  feedback: '留言通知',
}

export type MailStatusFilter = MailStatus | 'all'

export interface MailQuery {
  status: MailStatusFilter
  page: number
}

export function parseMailQuery(params: QueryParams): MailQuery {
  const status = firstParam(params.status) ?? 'all'
  return {
    status: (mailStatus.enumValues as readonly string[]).includes(status) ? (status as MailStatus) : 'all',
    page: pageParam(params),
  }
}

export interface MailRow {
  id: number
  kind: MailKind
  toAddress: string
  subject: string
  status: MailStatus
  attempts: number
  lastError: string | null
  nextAttemptAt: Date
  sentAt: Date | null
  createdAt: Date
}

export async function listOutbox(query: MailQuery): Promise<Page<MailRow>> {
  const where = query.status === 'all' ? undefined : eq(mailOutbox.status, query.status)
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: mailOutbox.id,
        kind: mailOutbox.kind,
        toAddress: mailOutbox.toAddress,
        subject: mailOutbox.subject,
        status: mailOutbox.status,
        attempts: mailOutbox.attempts,
        lastError: mailOutbox.lastError,
        nextAttemptAt: mailOutbox.nextAttemptAt,
        sentAt: mailOutbox.sentAt,
        createdAt: mailOutbox.createdAt,
      })
      .from(mailOutbox)
      .where(where)
      .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
      .limit(ADMIN_PAGE_SIZE)
      .offset(offsetOf(query.page)),
    db.select({ n: count() }).from(mailOutbox).where(where),
  ])
  return pageOf(items, total?.n ?? 0, query.page)
}

export async function countOutboxByStatus(): Promise<Record<MailStatus, number>> {
  const rows = await db
    .select({ status: mailOutbox.status, n: sql<number>`count(*)::int` })
    .from(mailOutbox)
    .groupBy(mailOutbox.status)
  const counts: Record<MailStatus, number> = { pending: 0, sent: 0, failed: 0, cancelled: 0 }
  for (const row of rows) counts[row.status] = row.n
  return counts
}
