import 'server-only'
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import { db } from '@/db'
import { comments, users } from '@/db/schema'
import { getPostMetas } from '@/lib/content/posts.server'
import { env } from '@/lib/env'
import { withMathmlFormulas } from '@/lib/math/mathml-html'
import { absoluteUrl, paths } from '@/lib/site/urls'
import { queueMail, queuedWithin, type Queryable } from './outbox'
import { readUnsubscribeToken, unsubscribeToken, type NotificationTopic } from './secrets'
import { feedbackNotificationMail, replyNotificationMail } from './templates'

/**
 * Notifications: a reply to a member's comment, and new feedback for the
 * editors who opted in. Each is queued in the transaction that stores the
 * reply or the message, and only for a recipient who can receive it: an
 * account that exists, is enabled, has a proven address and wants it. The
 * delivery loop checks the same again before sending.
 */

/** At most one reply notification per recipient and thread in this many seconds. */
export const REPLY_NOTIFICATION_INTERVAL_SECONDS = 60 * 60

export const unsubscribePaths = {
  /** The page a person opens from the mail's footer: one button. */
  page: (token: string) => `/unsubscribe?token=${encodeURIComponent(token)}`,
  /** RFC 8058 one-click target of List-Unsubscribe: a POST unsubscribes, no page. */
  oneClick: (token: string) => `/api/unsubscribe?token=${encodeURIComponent(token)}`,
} as const

function unsubscribeLinks(userId: string, topic: NotificationTopic) {
  const token = unsubscribeToken(userId, topic)
  return { page: absoluteUrl(env.SITE_URL, unsubscribePaths.page(token)), oneClick: absoluteUrl(env.SITE_URL, unsubscribePaths.oneClick(token)) }
}

/**
 * The HTML part's rendering of a reply: the comment as the comment section
 * shows it (rendered and sanitized once, when it was written), with formulas
 * as MathML, which mail readers that typeset math understand.
 */
export function renderReplyForMail(commentHtml: string): string {
  return withMathmlFormulas(commentHtml)
}

const eligibleRecipient = and(isNotNull(users.emailVerifiedAt), isNull(users.disabledAt))

export interface PostedReply {
  replyId: number
  /** The comment the member pressed "reply" on. */
  repliedToId: number
  threadId: number
  postSlug: string
  replierId: string
  body: string
  /** The reply's HTML as stored (lib/comments/render-comment.ts). */
  bodyHtml: string
}

/** Queues "someone replied to you" for the author of the comment answered, at most hourly per thread. */
export async function queueReplyNotification(tx: Queryable, reply: PostedReply): Promise<boolean> {
  const [answered] = await tx.select({ authorId: comments.authorId }).from(comments).where(eq(comments.id, reply.repliedToId)).limit(1)
  const recipientId = answered?.authorId
  if (!recipientId || recipientId === reply.replierId) return false
  const [recipient] = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.id, recipientId), eligibleRecipient, eq(users.notifyReplies, true)))
    .limit(1)
  if (!recipient) return false
  const groupKey = `reply:${recipient.id}:${reply.threadId}`
  if (await queuedWithin(tx, groupKey, REPLY_NOTIFICATION_INTERVAL_SECONDS)) return false
  const [replier] = await tx.select({ name: users.name }).from(users).where(eq(users.id, reply.replierId)).limit(1)
  const postTitle = getPostMetas().find((meta) => meta.slug === reply.postSlug)?.title ?? reply.postSlug
  const links = unsubscribeLinks(recipient.id, 'replies')
  const content = replyNotificationMail({
    recipientName: recipient.name,
    replierName: replier?.name ?? '一位读者',
    postTitle,
    replyMarkdown: reply.body,
    replyHtml: renderReplyForMail(reply.bodyHtml),
    commentUrl: absoluteUrl(env.SITE_URL, `${paths.article(reply.postSlug)}#comment-${reply.replyId}`),
    unsubscribe: links,
  })
  await queueMail(tx, { kind: 'reply', userId: recipient.id, to: recipient.email, content, groupKey })
  return true
}

export interface ReceivedFeedback {
  name: string
  email: string | null
  body: string
}

/** Queues one mail per editor or admin who opted in to feedback notifications; returns how many. */
export async function queueFeedbackNotifications(tx: Queryable, feedback: ReceivedFeedback): Promise<number> {
  const editors = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(inArray(users.role, ['editor', 'admin']), eq(users.notifyFeedback, true), eligibleRecipient))
  for (const editor of editors) {
    const links = unsubscribeLinks(editor.id, 'feedback')
    const content = feedbackNotificationMail({
      editorName: editor.name,
      senderName: feedback.name,
      senderEmail: feedback.email,
      body: feedback.body,
      inboxUrl: absoluteUrl(env.SITE_URL, '/admin/feedback'),
      unsubscribe: links,
    })
    await queueMail(tx, { kind: 'feedback', userId: editor.id, to: editor.email, content })
  }
  return editors.length
}

export interface NotificationSettings {
  replies: boolean
  feedback: boolean
}

export async function getNotificationSettings(userId: string): Promise<NotificationSettings | null> {
  const [row] = await db.select({ replies: users.notifyReplies, feedback: users.notifyFeedback }).from(users).where(eq(users.id, userId)).limit(1)
  return row ?? null
}

export async function setNotificationSettings(userId: string, settings: NotificationSettings): Promise<void> {
  await db.update(users).set({ notifyReplies: settings.replies, notifyFeedback: settings.feedback }).where(eq(users.id, userId))
}

/** Turns one switch off for the member a signed unsubscribe token names. */
export async function unsubscribeWithToken(token: string): Promise<{ ok: true; topic: NotificationTopic } | { ok: false }> {
  const parsed = readUnsubscribeToken(token)
  if (!parsed) return { ok: false }
  const updated = await db
    .update(users)
    .set(parsed.topic === 'replies' ? { notifyReplies: false } : { notifyFeedback: false })
    .where(eq(users.id, parsed.userId))
    .returning({ id: users.id })
  return updated.length > 0 ? { ok: true, topic: parsed.topic } : { ok: false }
}
