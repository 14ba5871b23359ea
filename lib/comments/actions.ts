import 'server-only'
import { actionMessages, fail, succeed, type ActionOutcome } from '@/lib/actions/action-result'
import { defineMemberAction } from '@/lib/actions/define-action'
import { getArticleMathContext } from '@/lib/content/posts.server'
import { rateLimitRules } from '@/lib/rate-limit/rules'
import { COMMENT_EDIT_WINDOW_MINUTES, COMMENT_HONEYPOT_FIELD } from './limits'
import { deleteCommentAsModerator, setCommentHidden, type ModerationOutcome } from './moderation'
import { renderCommentInWorker } from './render-in-worker.server'
import type { CommentPreview, PostedComment } from './types'
import {
  commentIdSchema,
  commentVisibilityChangeSchema,
  createCommentSchema,
  editCommentSchema,
  previewCommentSchema,
} from './validation'
import { deleteOwnComment, editOwnComment, findCommentByIdempotencyKey, postComment, type OwnCommentChangeOutcome } from './write-comments'

/**
 * Every action of the comment section under an article: permission, form
 * schema, limits and what it does. app/(site)/archives/[slug]/actions.ts wraps
 * them with `validatedAction`; tests run the same definitions with a stubbed
 * session. Whatever the page shows, each one checks the session itself: a
 * visitor is refused with "请先登录", a member touching someone else's comment
 * with "您没有权限进行此操作".
 */

export const COMMENT_POSTED_MESSAGE = '评论已发布'
const tooFrequent = '评论过于频繁'
const noArticle = '这篇文章不存在'
const commentGone = '这条评论已不存在'

const ownChangeMessages: Record<Exclude<OwnCommentChangeOutcome, 'done' | { refused: string }>, string> = {
  'not-found': commentGone,
  'not-owner': actionMessages.forbidden,
  deleted: '这条评论已删除',
  'too-late': `评论发布 ${COMMENT_EDIT_WINDOW_MINUTES} 分钟后不能再编辑`,
  'no-article': noArticle,
}

function ownChangeOutcome(outcome: OwnCommentChangeOutcome, message: string): ActionOutcome<null> {
  if (outcome === 'done') return succeed(null, message)
  return fail(typeof outcome === 'object' ? outcome.refused : ownChangeMessages[outcome])
}

function moderationOutcome(outcome: ModerationOutcome, message: string): ActionOutcome<null> {
  return outcome === 'not-found' ? fail(commentGone) : succeed(null, message)
}

/**
 * Posts a comment or a reply. A form submitted again with the same
 * idempotency key (double click, retried request) gets the first comment back
 * as a success and counts against no limit, even when the copies arrive at the
 * same moment. A filled-in honeypot is answered as if posted and stores nothing.
 */
export const createComment = defineMemberAction(
  {
    permission: 'comment.create',
    requiresVerifiedEmail: true,
    schema: createCommentSchema,
    rateLimit: { rule: rateLimitRules.commentsPerMember, subject: ({ user }) => user?.id ?? null, message: tooFrequent },
    replay: async (input, { user }): Promise<ActionOutcome<PostedComment> | null> => {
      if (!user) return null
      const id = await findCommentByIdempotencyKey(user.id, input.idempotencyKey)
      return id === null ? null : succeed({ id }, COMMENT_POSTED_MESSAGE)
    },
    // Copies arriving together all pass the limit once; postComment's insert keeps one and returns it to each.
    idempotencyKey: (input) => input.idempotencyKey,
  },
  async (input, { user }): Promise<ActionOutcome<PostedComment>> => {
    if (input[COMMENT_HONEYPOT_FIELD] !== '') return succeed({ id: null }, COMMENT_POSTED_MESSAGE)
    const outcome = await postComment({
      authorId: user.id,
      postSlug: input.post,
      parentId: input.parentId,
      body: input.body,
      idempotencyKey: input.idempotencyKey,
    })
    if (outcome.ok) return succeed({ id: outcome.id }, COMMENT_POSTED_MESSAGE)
    if (outcome.reason === 'no-article') return fail(noArticle)
    if (outcome.reason === 'parent-deleted') return fail('要回复的评论已删除')
    if (outcome.reason === 'refused') return fail(outcome.message)
    return fail('要回复的评论不存在')
  },
)

/** Renders a draft exactly as posting would, storing nothing; limited on its own, not against posting. */
export const previewComment = defineMemberAction(
  {
    permission: 'comment.preview',
    requiresVerifiedEmail: true,
    schema: previewCommentSchema,
    rateLimit: { rule: rateLimitRules.commentPreviewsPerMember, subject: ({ user }) => user?.id ?? null, message: '预览过于频繁' },
  },
  async (input): Promise<ActionOutcome<CommentPreview>> => {
    const context = await getArticleMathContext(input.post)
    if (!context) return fail(noArticle)
    const rendered = await renderCommentInWorker(input.body, context)
    return rendered.ok ? succeed({ html: rendered.html }) : fail(rendered.error)
  },
)

export const editComment = defineMemberAction(
  {
    permission: 'comment.editOwn',
    requiresVerifiedEmail: true,
    schema: editCommentSchema,
    rateLimit: { rule: rateLimitRules.commentEditsPerMember, subject: ({ user }) => user?.id ?? null, message: '编辑过于频繁' },
  },
  async ({ id, body }, { user }) => ownChangeOutcome(await editOwnComment(user.id, id, body), '评论已更新'),
)

export const deleteComment = defineMemberAction(
  { permission: 'comment.deleteOwn', schema: commentIdSchema },
  async ({ id }, { user }) => ownChangeOutcome(await deleteOwnComment(user.id, id), '评论已删除'),
)

/**
 * Moderation, defined once for the article page and /admin/comments
 * (app/admin/comments/actions.ts wraps these too): editors and admins hide,
 * show again or delete any comment; each change writes its audit entry.
 */
export const moderateCommentVisibility = defineMemberAction(
  { permission: 'comment.moderate', schema: commentVisibilityChangeSchema },
  async ({ id, hidden }, { user }) => moderationOutcome(await setCommentHidden(user, id, hidden), hidden ? '评论已隐藏' : '评论已恢复显示'),
)

export const moderateCommentDeletion = defineMemberAction(
  { permission: 'comment.moderate', schema: commentIdSchema },
  async ({ id }, { user }) => moderationOutcome(await deleteCommentAsModerator(user, id), '评论已删除'),
)
