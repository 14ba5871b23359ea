import 'server-only'
import { and, eq, gt, sql } from 'drizzle-orm'
import type { Database } from '@/db'
import { mailOutbox, type MailKind } from '@/db/schema'
import { sealMailPayload } from './secrets'
import type { MailContent } from './templates'

/** A transaction or the database itself: mail is queued inside the caller's transaction. */
export type Queryable = Database | Parameters<Parameters<Database['transaction']>[0]>[0]

export interface QueuedMail {
  kind: MailKind
  /** The member it is for: checked again when it is sent (deleted, disabled, unsubscribed). */
  userId: string
  to: string
  content: MailContent
  groupKey?: string
}

/** What the sealed payload holds. */
export interface MailPayload {
  text: string
  html: string
  headers: Record<string, string>
  link: string | null
}

/**
 * Adds a message to the outbox. Pass the transaction of the change that causes
 * it, so the message exists if and only if the change committed; then call
 * `requestMailDelivery()` once the transaction is over.
 */
export async function queueMail(tx: Queryable, mail: QueuedMail): Promise<number> {
  const payload: MailPayload = { text: mail.content.text, html: mail.content.html, headers: mail.content.headers, link: mail.content.link }
  const [row] = await tx
    .insert(mailOutbox)
    .values({
      kind: mail.kind,
      userId: mail.userId,
      toAddress: mail.to,
      subject: mail.content.subject,
      payload: sealMailPayload(JSON.stringify(payload)),
      groupKey: mail.groupKey ?? null,
    })
    .returning({ id: mailOutbox.id })
  if (!row) throw new Error('outbox insert returned no row')
  return row.id
}

/**
 * Whether a message of `groupKey` was queued within the last `seconds`. Takes
 * a transaction-scoped advisory lock on the key first, so two replies posted at
 * the same moment cannot both see "none yet" and both queue one.
 */
export async function queuedWithin(tx: Queryable, groupKey: string, seconds: number): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mail:${groupKey}`}))`)
  const [row] = await tx
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.groupKey, groupKey), gt(mailOutbox.createdAt, sql`now() - (${seconds}::integer * interval '1 second')`)))
    .limit(1)
  return row !== undefined
}
