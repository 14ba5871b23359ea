import 'server-only'
import { db, type Database } from '@/db'
import { auditLog } from '@/db/schema'

/**
 * Every moderation and administration action leaves one row: who did what to
 * which target, and when. The actor's name and email are copied, so the entry
 * still says who it was after their account is gone.
 */
export interface AuditActor {
  id: string
  name: string
  email: string
}

/** Changes made outside the site, e.g. `npm run user:role`: no member to name. */
export interface SystemActor {
  id: null
  label: string
}

export type AuditAction =
  | 'comment.hide'
  | 'comment.unhide'
  | 'comment.delete'
  | 'feedback.read'
  | 'feedback.unread'
  | 'feedback.archive'
  | 'feedback.unarchive'
  | 'feedback.delete'
  | 'member.role'
  | 'member.disable'
  | 'member.enable'

export interface AuditTarget {
  type: 'comment' | 'feedback' | 'member'
  id: string | number
}

/** Pass the transaction when the action itself runs in one, so both commit or neither does. */
export async function recordAudit(
  actor: AuditActor | SystemActor,
  action: AuditAction,
  target: AuditTarget,
  details?: Record<string, unknown>,
  executor: Pick<Database, 'insert'> = db,
): Promise<void> {
  await executor.insert(auditLog).values({
    actorId: actor.id,
    actorLabel: actor.id === null ? actor.label : `${actor.name} <${actor.email}>`,
    action,
    targetType: target.type,
    targetId: String(target.id),
    details: details ?? null,
  })
}
