import { z } from 'zod'
import { personNameSchema } from '@/lib/auth/display-name'
import { emailSchema } from '@/lib/auth/validation'
import { countMessageCharacters, findMessageBodyProblem } from '@/lib/validation/message-body'
import { FEEDBACK_BODY_MAX_LENGTH, FEEDBACK_HONEYPOT_FIELD } from './limits'

/**
 * The feedback form's rules, shared by the form (field names) and the action
 * (parsing). What passes is stored exactly as it arrived: the inbox renders it
 * as text, so markup and naughty strings are harmless there.
 */

/** Characters as a person counts them: code points, with a browser's CRLF line break as one. */
export const countFeedbackCharacters = countMessageCharacters

/** Why `body` cannot be sent, or null. Never trimmed: the editors see what was written. */
export function findFeedbackBodyProblem(body: string): string | null {
  return findMessageBodyProblem(body, '留言内容', FEEDBACK_BODY_MAX_LENGTH)
}

const feedbackBodySchema = z.string({ error: '请填写留言内容' }).superRefine((body, context) => {
  const problem = findFeedbackBodyProblem(body)
  if (problem) context.addIssue({ code: 'custom', message: problem })
})

/** Optional: an empty field means "no reply wanted"; anything typed must be an address. */
const replyEmailSchema = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  emailSchema.optional(),
)

export const feedbackSchema = z.object({
  name: personNameSchema('称呼'),
  email: replyEmailSchema,
  body: feedbackBodySchema,
  // Checked by the action, not here: a bot that fills it in must not learn why nothing happened.
  [FEEDBACK_HONEYPOT_FIELD]: z.string().default(''),
})
export type FeedbackInput = z.output<typeof feedbackSchema>
