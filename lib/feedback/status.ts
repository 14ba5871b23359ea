import 'server-only'
import { eq, sql } from 'drizzle-orm'
import { db } from '@/db'
import { feedbackMessages, type FeedbackStatus } from '@/db/schema'
import { recordAudit, type AuditAction, type AuditActor } from '@/lib/audit/record-audit'

/**
 * What editors do with a message: mark it read or unread, archive it or bring
 * it back, delete it. Each change and its audit entry commit together. Callers
 * check the 'admin.feedback' permission first (validatedAction does).
 *
 * new ⇄ read, either → archived, archived → read ("移回收件箱") or new.
 * `read_at` is when an editor first dealt with it: set on leaving 'new', cleared
 * when marked unread.
 */

export type FeedbackChangeOutcome = 'done' | 'not-found' | 'unchanged'

function auditActionFor(from: FeedbackStatus, to: FeedbackStatus): AuditAction {
  if (to === 'archived') return 'feedback.archive'
  if (to === 'new') return 'feedback.unread'
  return from === 'archived' ? 'feedback.unarchive' : 'feedback.read'
}

export async function setFeedbackStatus(actor: AuditActor, id: number, status: FeedbackStatus): Promise<FeedbackChangeOutcome> {
  return db.transaction(async (tx) => {
    const [message] = await tx
      .select({ status: feedbackMessages.status })
      .from(feedbackMessages)
      .where(eq(feedbackMessages.id, id))
      .for('update')
    if (!message) return 'not-found'
    if (message.status === status) return 'unchanged'
    await tx
      .update(feedbackMessages)
      .set({ status, readAt: status === 'new' ? null : sql`coalesce(${feedbackMessages.readAt}, now())` })
      .where(eq(feedbackMessages.id, id))
    await recordAudit(actor, auditActionFor(message.status, status), { type: 'feedback', id }, { from: message.status, to: status }, tx)
    return 'done'
  })
}

/**
 * Deletes a message for good. The audit entry keeps who sent it and when, not
 * what it said.
 */
export async function deleteFeedback(actor: AuditActor, id: number): Promise<Exclude<FeedbackChangeOutcome, 'unchanged'>> {
  return db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(feedbackMessages)
      .where(eq(feedbackMessages.id, id))
      .returning({ name: feedbackMessages.name, status: feedbackMessages.status, createdAt: feedbackMessages.createdAt })
    if (!deleted) return 'not-found'
    await recordAudit(
      actor,
      'feedback.delete',
      { type: 'feedback', id },
      { name: deleted.name, status: deleted.status, sentAt: deleted.createdAt.toISOString() },
      tx,
    )
    return 'done'
  })
}
