import { z } from 'zod'
import { findMessageBodyProblem } from '@/lib/validation/message-body'
import { COMMENT_BODY_MAX_LENGTH, COMMENT_HONEYPOT_FIELD } from './limits'

/**
 * The comment forms' rules, shared by the forms (field names) and the actions
 * (parsing). Bodies are stored exactly as typed; what readers see is the
 * sanitized HTML rendered from them (render-comment.ts).
 */

export function findCommentBodyProblem(body: string): string | null {
  return findMessageBodyProblem(body, '评论内容', COMMENT_BODY_MAX_LENGTH)
}

const commentBodySchema = z.string({ error: '请填写评论内容' }).superRefine((body, context) => {
  const problem = findCommentBodyProblem(body)
  if (problem) context.addIssue({ code: 'custom', message: problem })
})

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const postSlugSchema = z.string({ error: '缺少文章' }).regex(SLUG, '文章不存在')

const commentId = z.coerce.number({ error: '无效的评论编号' }).int('无效的评论编号').positive('无效的评论编号').max(Number.MAX_SAFE_INTEGER, '无效的评论编号')

/** An empty field (the top-level form) means "not a reply". */
const parentIdSchema = z.preprocess((value) => (value === '' || value === undefined ? undefined : value), commentId.optional())

/** Chosen by the browser once per form render: letters, digits, - and _. */
const idempotencyKeySchema = z.string({ error: '表单已过期，请刷新页面后重试' }).regex(/^[A-Za-z0-9_-]{16,64}$/, '表单已过期，请刷新页面后重试')

export const createCommentSchema = z.object({
  post: postSlugSchema,
  parentId: parentIdSchema,
  body: commentBodySchema,
  idempotencyKey: idempotencyKeySchema,
  // Checked by the action, not here: a bot that fills it in must not learn why nothing happened.
  [COMMENT_HONEYPOT_FIELD]: z.string().default(''),
})
export type CreateCommentInput = z.output<typeof createCommentSchema>

export const previewCommentSchema = z.object({ post: postSlugSchema, body: commentBodySchema })

export const editCommentSchema = z.object({ id: commentId, body: commentBodySchema })

export const commentIdSchema = z.object({ id: commentId })

export const commentVisibilityChangeSchema = z.object({
  id: commentId,
  hidden: z.enum(['true', 'false']).transform((value) => value === 'true'),
})
