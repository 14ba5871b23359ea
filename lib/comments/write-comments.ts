import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { db } from '@/db'
import { comments } from '@/db/schema'
import { getArticleMathContext } from '@/lib/content/posts.server'
import { requestMailDelivery } from '@/lib/mail/delivery'
import { queueReplyNotification } from '@/lib/mail/notifications'
import { editWindowOpen } from './edit-window'
import { COMMENT_MAX_DEPTH } from './limits'
import { renderCommentInWorker } from './render-in-worker.server'

/**
 * What members do to comments: post (top level or reply), edit their own
 * within the edit window, delete their own. Permissions and limits are the
 * actions' business (lib/comments/actions.ts); ownership and the edit window
 * are checked here, in the same statement that changes the row, so no page
 * or button decides them.
 */

export interface NewCommentRequest {
  authorId: string
  postSlug: string
  parentId?: number
  body: string
  idempotencyKey: string
}

export type PostCommentOutcome =
  | { ok: true; id: number; repeated: boolean }
  | { ok: false; reason: 'no-article' | 'no-parent' | 'parent-deleted' }
  | { ok: false; reason: 'refused'; message: string }

interface Placement {
  parentId: number | null
  threadId: number | null
  depth: number
  replyToUserId: string | null
}

/** The comment `authorId` already posted with this key, if any. */
export async function findCommentByIdempotencyKey(authorId: string, idempotencyKey: string): Promise<number | null> {
  const [row] = await db
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.authorId, authorId), eq(comments.idempotencyKey, idempotencyKey)))
    .limit(1)
  return row?.id ?? null
}

/**
 * Where a reply goes. Nesting stops at COMMENT_MAX_DEPTH: a reply to a comment
 * at that depth becomes its sibling (same parent, same depth) and records whom
 * it answers, shown as "回复 @name".
 */
async function placeReply(postSlug: string, parentId: number): Promise<Placement | 'no-parent' | 'parent-deleted'> {
  const [parent] = await db
    .select({
      id: comments.id,
      postSlug: comments.postSlug,
      parentId: comments.parentId,
      threadId: comments.threadId,
      depth: comments.depth,
      authorId: comments.authorId,
      deletedAt: comments.deletedAt,
      hiddenAt: comments.hiddenAt,
    })
    .from(comments)
    .where(eq(comments.id, parentId))
    .limit(1)
  // A hidden comment does not exist for readers; answering it would reveal it.
  if (!parent || parent.postSlug !== postSlug || parent.hiddenAt) return 'no-parent'
  if (parent.deletedAt) return 'parent-deleted'
  const threadId = parent.threadId ?? parent.id
  if (parent.depth >= COMMENT_MAX_DEPTH && parent.parentId !== null) {
    return { parentId: parent.parentId, threadId, depth: COMMENT_MAX_DEPTH, replyToUserId: parent.authorId }
  }
  return { parentId: parent.id, threadId, depth: Math.min(parent.depth + 1, COMMENT_MAX_DEPTH), replyToUserId: null }
}

/**
 * Stores a comment with its rendered HTML. The idempotency key is unique per
 * author: when the same form is submitted twice (double click, retried
 * request), the second insert does nothing and the first comment is returned.
 */
export async function postComment(request: NewCommentRequest): Promise<PostCommentOutcome> {
  const context = await getArticleMathContext(request.postSlug)
  if (!context) return { ok: false, reason: 'no-article' }
  let placement: Placement = { parentId: null, threadId: null, depth: 0, replyToUserId: null }
  if (request.parentId !== undefined) {
    const reply = await placeReply(request.postSlug, request.parentId)
    if (typeof reply === 'string') return { ok: false, reason: reply }
    placement = reply
  }
  const rendered = await renderCommentInWorker(request.body, context)
  if (!rendered.ok) return { ok: false, reason: 'refused', message: rendered.error }
  const inserted = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(comments)
      .values({
        postSlug: request.postSlug,
        ...placement,
        authorId: request.authorId,
        body: request.body,
        bodyHtml: rendered.html,
        bodyText: rendered.text,
        idempotencyKey: request.idempotencyKey,
      })
      .onConflictDoNothing({ target: [comments.authorId, comments.idempotencyKey] })
      .returning({ id: comments.id })
    // A top-level comment is its own thread; its id exists only now.
    if (row && placement.threadId === null) await tx.update(comments).set({ threadId: row.id }).where(eq(comments.id, row.id))
    // The notification commits with the reply, or neither does; the loop sends it after the commit.
    if (row && request.parentId !== undefined && placement.threadId !== null) {
      const reply = { replyId: row.id, repliedToId: request.parentId, threadId: placement.threadId, postSlug: request.postSlug, replierId: request.authorId, body: request.body, bodyHtml: rendered.html }
      if (await queueReplyNotification(tx, reply)) requestMailDelivery()
    }
    return row
  })
  if (inserted) return { ok: true, id: inserted.id, repeated: false }
  const earlier = await findCommentByIdempotencyKey(request.authorId, request.idempotencyKey)
  if (earlier === null) throw new Error('comment insert conflicted, but no comment has its idempotency key')
  return { ok: true, id: earlier, repeated: true }
}

export type OwnCommentChangeOutcome = 'done' | 'not-found' | 'not-owner' | 'deleted' | 'too-late' | 'no-article' | { refused: string }

/** Why `authorId` may not change comment `id` right now, or null when they may. */
async function ownCommentProblem(
  authorId: string,
  id: number,
  needsEditWindow: boolean,
): Promise<{ problem: 'not-found' | 'not-owner' | 'deleted' | 'too-late' } | { postSlug: string }> {
  const [comment] = await db
    .select({
      postSlug: comments.postSlug,
      authorId: comments.authorId,
      deletedAt: comments.deletedAt,
      hiddenAt: comments.hiddenAt,
      editable: editWindowOpen(),
    })
    .from(comments)
    .where(eq(comments.id, id))
    .limit(1)
  if (!comment || comment.hiddenAt) return { problem: 'not-found' }
  if (comment.authorId !== authorId) return { problem: 'not-owner' }
  if (comment.deletedAt) return { problem: 'deleted' }
  if (needsEditWindow && !comment.editable) return { problem: 'too-late' }
  return { postSlug: comment.postSlug }
}

/**
 * Replaces the body of the author's own comment within the edit window and
 * marks it edited. The update repeats every condition, so a comment hidden or
 * deleted meanwhile, or a window that closed meanwhile, is not changed.
 */
export async function editOwnComment(authorId: string, id: number, body: string): Promise<OwnCommentChangeOutcome> {
  const check = await ownCommentProblem(authorId, id, true)
  if ('problem' in check) return check.problem
  const context = await getArticleMathContext(check.postSlug)
  if (!context) return 'no-article'
  const rendered = await renderCommentInWorker(body, context)
  if (!rendered.ok) return { refused: rendered.error }
  const updated = await db
    .update(comments)
    .set({ body, bodyHtml: rendered.html, bodyText: rendered.text, editedAt: sql`now()` })
    .where(and(eq(comments.id, id), eq(comments.authorId, authorId), isNull(comments.deletedAt), isNull(comments.hiddenAt), editWindowOpen()))
    .returning({ id: comments.id })
  return updated.length > 0 ? 'done' : 'too-late'
}

/**
 * Soft delete by the author: the row stays so replies keep their thread, shown
 * as "该评论已删除". Allowed at any time.
 */
export async function deleteOwnComment(authorId: string, id: number): Promise<OwnCommentChangeOutcome> {
  const check = await ownCommentProblem(authorId, id, false)
  if ('problem' in check) return check.problem
  const deleted = await db
    .update(comments)
    .set({ deletedAt: sql`now()` })
    .where(and(eq(comments.id, id), eq(comments.authorId, authorId), isNull(comments.deletedAt)))
    .returning({ id: comments.id })
  return deleted.length > 0 ? 'done' : 'deleted'
}
