import 'server-only'
import { eq } from 'drizzle-orm'
import { db } from '@/db'
import { comments } from '@/db/schema'
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit'

/**
 * What editors and admins do to any comment, from the article page or the
 * admin area alike. Each change and its audit entry commit together. Callers
 * check the 'comment.moderate' permission first (validatedAction does).
 *
 * Hidden comments disappear for everyone except moderators at once: readers'
 * queries filter on hidden_at, nothing is cached.
 */

export type ModerationOutcome = 'done' | 'not-found' | 'unchanged'

export async function setCommentHidden(actor: AuditActor, commentId: number, hidden: boolean): Promise<ModerationOutcome> {
  return db.transaction(async (tx) => {
    const [comment] = await tx.select({ hiddenAt: comments.hiddenAt }).from(comments).where(eq(comments.id, commentId)).for('update')
    if (!comment) return 'not-found'
    if ((comment.hiddenAt !== null) === hidden) return 'unchanged'
    await tx
      .update(comments)
      .set(hidden ? { hiddenAt: new Date(), hiddenById: actor.id } : { hiddenAt: null, hiddenById: null })
      .where(eq(comments.id, commentId))
    await recordAudit(actor, hidden ? 'comment.hide' : 'comment.unhide', { type: 'comment', id: commentId }, undefined, tx)
    return 'done'
  })
}

/**
 * Soft delete: the row stays so replies keep their thread, shown as
 * "该评论已删除". The body is kept for the audit trail but never shown again.
 */
export async function deleteCommentAsModerator(actor: AuditActor, commentId: number): Promise<ModerationOutcome> {
  return db.transaction(async (tx) => {
    const [comment] = await tx
      .select({ deletedAt: comments.deletedAt, postSlug: comments.postSlug })
      .from(comments)
      .where(eq(comments.id, commentId))
      .for('update')
    if (!comment) return 'not-found'
    if (comment.deletedAt !== null) return 'unchanged'
    await tx.update(comments).set({ deletedAt: new Date() }).where(eq(comments.id, commentId))
    await recordAudit(actor, 'comment.delete', { type: 'comment', id: commentId }, { postSlug: comment.postSlug }, tx)
    return 'done'
  })
}
