import 'server-only'
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { db } from '@/db'
import { comments, users } from '@/db/schema'
import { DELETED_MEMBER_LABEL } from '@/lib/auth/display-name'
import { getPostMetas } from '@/lib/content/posts.server'
import { paths } from '@/lib/site/urls'
import { COMMENT_PAGE_SIZE, commentAnchor } from './limits'
import type { CommentView, RecentComment } from './types'
import { editWindowOpen } from './edit-window'

/**
 * What readers see of an article's comments: pages of top-level comments,
 * oldest first, each with its whole thread. Hidden comments (and whatever
 * hangs below them) exist only for moderators; deleted ones stay as
 * placeholders so their replies keep their place. Nothing is cached: a
 * moderator's change shows at the next request on every instance.
 */

/** Who is reading: the member's id and whether they moderate; null for visitors. */
export type CommentReader = { id: string; canModerate: boolean } | null

const author = alias(users, 'author')
const replyTo = alias(users, 'reply_to')

const commentColumns = {
  id: comments.id,
  parentId: comments.parentId,
  depth: comments.depth,
  authorId: comments.authorId,
  authorName: author.name,
  replyToName: replyTo.name,
  body: comments.body,
  bodyHtml: comments.bodyHtml,
  createdAt: comments.createdAt,
  editedAt: comments.editedAt,
  deletedAt: comments.deletedAt,
  hiddenAt: comments.hiddenAt,
  editable: editWindowOpen(),
}

function visibleTo(reader: CommentReader): SQL | undefined {
  return reader?.canModerate ? undefined : isNull(comments.hiddenAt)
}

function selectComments() {
  return db
    .select(commentColumns)
    .from(comments)
    .leftJoin(author, eq(author.id, comments.authorId))
    .leftJoin(replyTo, eq(replyTo.id, comments.replyToUserId))
}

type CommentRow = Awaited<ReturnType<typeof selectComments>>[number]

function toView(row: CommentRow, reader: CommentReader): CommentView {
  const own = reader !== null && row.authorId === reader.id
  const deleted = row.deletedAt !== null
  const canEdit = own && !deleted && row.hiddenAt === null && row.editable
  return {
    id: row.id,
    depth: row.depth,
    // A deleted comment keeps its place, not its author.
    authorName: deleted ? '' : (row.authorName ?? DELETED_MEMBER_LABEL),
    replyToName: row.replyToName,
    bodyHtml: deleted ? null : row.bodyHtml,
    source: canEdit ? row.body : null,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deleted,
    hidden: row.hiddenAt !== null,
    own,
    canEdit,
    canDelete: own && !deleted,
    canModerate: Boolean(reader?.canModerate) && !deleted,
    replies: [],
  }
}

/** Nests replies under their parents; a reply whose parent is not shown is not shown either. */
function buildThreads(topLevel: CommentView[], replies: { view: CommentView; parentId: number }[]): CommentView[] {
  const byId = new Map(topLevel.map((view) => [view.id, view]))
  // Oldest first, so a parent is always placed before its replies.
  for (const { view, parentId } of replies) {
    const parent = byId.get(parentId)
    if (!parent) continue
    parent.replies.push(view)
    byId.set(view.id, view)
  }
  return topLevel
}

/** Visible comments of an article, replies included: not deleted, not hidden, not under a hidden comment. */
export async function countVisibleComments(postSlug: string): Promise<number> {
  const thread = alias(comments, 'thread')
  const parent = alias(comments, 'parent')
  const [row] = await db
    .select({ value: count() })
    .from(thread)
    .innerJoin(comments, eq(comments.threadId, thread.id))
    .leftJoin(parent, eq(parent.id, comments.parentId))
    .where(
      and(
        eq(thread.postSlug, postSlug),
        isNull(thread.parentId),
        isNull(thread.hiddenAt),
        isNull(comments.hiddenAt),
        isNull(comments.deletedAt),
        or(isNull(comments.parentId), isNull(parent.hiddenAt)),
      ),
    )
  return row?.value ?? 0
}

async function countTopLevel(postSlug: string, reader: CommentReader): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(comments)
    .where(and(eq(comments.postSlug, postSlug), isNull(comments.parentId), visibleTo(reader)))
  return row?.value ?? 0
}

/** The page (1-based) that shows comment `id` of the article, or null when it is not one of its comments. */
export async function findCommentPage(postSlug: string, id: number, reader: CommentReader): Promise<number | null> {
  const [found] = await db
    .select({ threadId: sql<number>`coalesce(${comments.threadId}, ${comments.id})`.mapWith(Number) })
    .from(comments)
    .where(and(eq(comments.id, id), eq(comments.postSlug, postSlug)))
    .limit(1)
  if (!found) return null
  const thread = alias(comments, 'thread')
  const [row] = await db
    .select({ before: count() })
    .from(comments)
    .innerJoin(thread, eq(thread.id, found.threadId))
    .where(
      and(
        eq(comments.postSlug, postSlug),
        isNull(comments.parentId),
        visibleTo(reader),
        sql`(${comments.createdAt}, ${comments.id}) < (${thread.createdAt}, ${thread.id})`,
      ),
    )
  return Math.floor((row?.before ?? 0) / COMMENT_PAGE_SIZE) + 1
}

/** One page of top-level comments, oldest first (index comments_post_top_level_idx). Exported for the benchmark's EXPLAIN. */
export function topLevelCommentsQuery(postSlug: string, page: number, reader: CommentReader) {
  return selectComments()
    .where(and(eq(comments.postSlug, postSlug), isNull(comments.parentId), visibleTo(reader)))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(COMMENT_PAGE_SIZE)
    .offset((page - 1) * COMMENT_PAGE_SIZE)
}

/** Every reply in the given threads, oldest first (index comments_thread_idx). */
export function threadRepliesQuery(threadIds: number[], reader: CommentReader) {
  return selectComments()
    .where(and(inArray(comments.threadId, threadIds), isNotNull(comments.parentId), visibleTo(reader)))
    .orderBy(asc(comments.createdAt), asc(comments.id))
}

export interface ArticleCommentsPage {
  count: number
  page: number
  pages: number
  comments: CommentView[]
}

/**
 * One page of an article's comments as `reader` may see them. `page` beyond the
 * last shows the last; `commentId` (a permalink) picks the page that shows it.
 */
export async function listArticleComments(
  postSlug: string,
  request: { page?: number; commentId?: number },
  reader: CommentReader,
): Promise<ArticleCommentsPage> {
  const [total, topLevelCount, pageOfComment] = await Promise.all([
    countVisibleComments(postSlug),
    countTopLevel(postSlug, reader),
    request.commentId === undefined ? null : findCommentPage(postSlug, request.commentId, reader),
  ])
  const pages = Math.max(1, Math.ceil(topLevelCount / COMMENT_PAGE_SIZE))
  const page = Math.min(pages, Math.max(1, pageOfComment ?? request.page ?? 1))

  const topRows = await topLevelCommentsQuery(postSlug, page, reader)
  const threadIds = topRows.map((row) => row.id)
  const replyRows = threadIds.length === 0 ? [] : await threadRepliesQuery(threadIds, reader)
  const threads = buildThreads(
    topRows.map((row) => toView(row, reader)),
    replyRows.map((row) => ({ view: toView(row, reader), parentId: row.parentId! })),
  )
  return { count: total, page, pages, comments: threads }
}

const EXCERPT_LENGTH = 60

/** The stored plain text of a comment, cut to `length` characters; its HTML is never parsed on a read. */
export function plainTextExcerpt(text: string, length = EXCERPT_LENGTH): string {
  const characters = Array.from(text)
  return characters.length > length ? `${characters.slice(0, length).join('')}…` : text
}

/** The newest visible comments across the site, for the side column. */
export async function listRecentComments(limit = 10): Promise<RecentComment[]> {
  const parent = alias(comments, 'parent')
  const thread = alias(comments, 'thread')
  const titles = new Map(getPostMetas().map((post) => [post.slug, post.title]))
  const rows = await db
    .select({
      id: comments.id,
      postSlug: comments.postSlug,
      // One character more than the excerpt shows, so a cut can be marked with "…".
      text: sql<string>`left(${comments.bodyText}, ${EXCERPT_LENGTH + 1})`,
      authorName: author.name,
    })
    .from(comments)
    .leftJoin(author, eq(author.id, comments.authorId))
    .leftJoin(parent, eq(parent.id, comments.parentId))
    .leftJoin(thread, eq(thread.id, comments.threadId))
    .where(and(isNull(comments.hiddenAt), isNull(comments.deletedAt), isNull(parent.hiddenAt), isNull(thread.hiddenAt)))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    // Comments under articles removed since are skipped; a few spare rows keep the list full.
    .limit(limit + 10)
  return rows
    .filter((row) => titles.has(row.postSlug))
    .slice(0, limit)
    .map((row) => ({
      id: row.id,
      authorName: row.authorName ?? DELETED_MEMBER_LABEL,
      excerpt: plainTextExcerpt(row.text),
      postTitle: titles.get(row.postSlug)!,
      href: `${paths.article(row.postSlug)}#${commentAnchor(row.id)}`,
    }))
}
