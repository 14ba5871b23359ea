import { and, desc, eq } from 'drizzle-orm'
import { db } from '@/db'
import { mailOutbox, type MailKind } from '@/db/schema'
import type { MailPayload } from '@/lib/mail/outbox'
import { openMailPayload } from '@/lib/mail/secrets'

/**
 * The link inside the newest queued message of `kind` to a member, read from
 * the outbox the way the delivery loop reads it (unsealing the body): for
 * integration tests that follow a link without running an SMTP server.
 */
export async function linkFromOutbox(userId: string, kind: MailKind): Promise<string> {
  const [row] = await db
    .select({ payload: mailOutbox.payload })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.userId, userId), eq(mailOutbox.kind, kind)))
    .orderBy(desc(mailOutbox.id))
    .limit(1)
  const plain = row?.payload ? openMailPayload(row.payload) : null
  if (!plain) throw new Error(`no pending ${kind} mail for ${userId}`)
  const { link } = JSON.parse(plain) as MailPayload
  if (!link) throw new Error(`the ${kind} mail has no link`)
  return link
}
