import 'server-only'
import { count, desc } from 'drizzle-orm'
import { db } from '@/db'
import { auditLog, type AuditEntry } from '@/db/schema'
import type { AuditAction } from '@/lib/audit/record-audit'
import { ADMIN_PAGE_SIZE, offsetOf, pageOf, pageParam, type Page, type QueryParams } from './listing'

/** The audit log as admins read it: newest first. */

export const auditActionLabels: Record<AuditAction, string> = {
  'comment.hide': '隐藏评论',
  'comment.unhide': '取消隐藏评论',
  'comment.delete': '删除评论',
  'feedback.read': '留言标为已读',
  'feedback.unread': '留言标为未读',
  'feedback.archive': '归档留言',
  'feedback.unarchive': '留言移回收件箱',
  'feedback.delete': '删除留言',
  'member.role': '更改角色',
  'member.disable': '停用成员',
  'member.enable': '启用成员',
}

export const auditTargetLabels: Record<string, string> = {
  comment: '评论',
  feedback: '留言',
  member: '成员',
}

function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(auditActionLabels, action)
}

/** The Chinese name of an action; unknown ones (from a later version) show as stored. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? auditActionLabels[action] : action
}

export function parseAuditQuery(params: QueryParams): { page: number } {
  return { page: pageParam(params) }
}

export async function listAuditEntries(query: { page: number }): Promise<Page<AuditEntry>> {
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(ADMIN_PAGE_SIZE)
      .offset(offsetOf(query.page)),
    db.select({ value: count() }).from(auditLog),
  ])
  return pageOf(items, total?.value ?? 0, query.page)
}
