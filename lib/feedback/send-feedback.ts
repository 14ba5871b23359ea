import 'server-only'
import { db } from '@/db'
import { feedbackMessages } from '@/db/schema'
import { succeed } from '@/lib/actions/action-result'
import { defineGuestAction } from '@/lib/actions/define-action'
import { requestMailDelivery } from '@/lib/mail/delivery'
import { queueFeedbackNotifications } from '@/lib/mail/notifications'
import { rateLimitRules } from '@/lib/rate-limit/rules'
import { FEEDBACK_HONEYPOT_FIELD, FEEDBACK_SENT_MESSAGE } from './limits'
import { feedbackSchema } from './validation'

export interface NewFeedback {
  name: string
  email: string | null
  body: string
  /** The member who sent it, when signed in. */
  userId: string | null
}

/**
 * Stores one message as new, and in the same transaction queues a mail to
 * each editor who opted in; returns its id.
 */
export async function saveFeedback(message: NewFeedback): Promise<number> {
  const { id, notified } = await db.transaction(async (tx) => {
    const [row] = await tx.insert(feedbackMessages).values(message).returning({ id: feedbackMessages.id })
    if (!row) throw new Error('feedback insert returned no row')
    return { id: row.id, notified: await queueFeedbackNotifications(tx, message) }
  })
  if (notified > 0) requestMailDelivery()
  return id
}

const tooFrequent = '留言过于频繁'

/**
 * /feedback: visitors and members write to the editors. Disabled members are
 * refused by the permission. Limited per client address and, for members, per
 * account. A filled-in honeypot gets the same answer as a real message and
 * stores nothing.
 */
export const sendFeedback = defineGuestAction(
  {
    permission: 'feedback.create',
    schema: feedbackSchema,
    rateLimit: [
      { rule: rateLimitRules.feedbackPerIp, subject: ({ ip }) => ip, message: tooFrequent },
      { rule: rateLimitRules.feedbackPerMember, subject: ({ user }) => user?.id ?? null, message: tooFrequent },
    ],
  },
  async (input, { user }) => {
    if (input[FEEDBACK_HONEYPOT_FIELD] !== '') return succeed(null, FEEDBACK_SENT_MESSAGE)
    await saveFeedback({ name: input.name, email: input.email ?? null, body: input.body, userId: user?.id ?? null })
    return succeed(null, FEEDBACK_SENT_MESSAGE)
  },
)
