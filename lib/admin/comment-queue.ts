import 'server-only'
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { db } from '@/db'
import { comments, users } from '@/db/schema'
import { firstParam } from '@/lib/request/search-params'
import { ADMIN_PAGE_SIZE, containsPattern, offsetOf, pageOf, pageParam, textParam, type Page, type QueryParams } from './listing'

/**
 * The moderation queue: the newest comments across all articles, visible,
 * hidden and deleted alike, optionally for one article or one member.
 */

export interface CommentQueueQuery {
  /** Article slug. */
  post: string
  /** Author id, from a "this member's comments" link. */
  authorId: string
  /** Matched case-insensitively in the author's name or email. */
  member: string
  page: number
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function parseCommentQueueQuery(params: QueryParams): CommentQueueQuery {
  const authorId = firstParam(params.author) ?? ''
  return {
    post: textParam(params, 'post'),
    authorId: uuidPattern.test(authorId) ? authorId : '',
    member: textParam(params, 'member'),
    page: pageParam(params),
  }
}

export interface QueuedComment {
  id: number
  postSlug: string
  /** What the member typed; null once deleted, since a deleted comment is never shown again. */
  body: string | null
  createdAt: Date
  editedAt: Date | null
  hiddenAt: Date | null
  deletedAt: Date | null
  authorId: string | null
  /** Null when the author deleted their account. */
  authorName: string | null
  authorEmail: string | null
  hiddenByName: string | null
}

const hider = alias(users, 'hider')

function conditionsFor(query: CommentQueueQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = []
  if (query.post) conditions.push(eq(comments.postSlug, query.post))
  if (query.authorId) conditions.push(eq(comments.authorId, query.authorId))
  if (query.member) {
    const pattern = containsPattern(query.member)
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern)))
  }
  return and(...conditions)
}

export async function listCommentsForModeration(query: CommentQueueQuery): Promise<Page<QueuedComment>> {
  const where = conditionsFor(query)
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: comments.id,
        postSlug: comments.postSlug,
        body: sql<string | null>`case when ${comments.deletedAt} is null then ${comments.body} end`,
        createdAt: comments.createdAt,
        editedAt: comments.editedAt,
        hiddenAt: comments.hiddenAt,
        deletedAt: comments.deletedAt,
        authorId: comments.authorId,
        authorName: users.name,
        authorEmail: users.email,
        hiddenByName: hider.name,
      })
      .from(comments)
      .leftJoin(users, eq(users.id, comments.authorId))
      .leftJoin(hider, eq(hider.id, comments.hiddenById))
      .where(where)
      .orderBy(desc(comments.createdAt), desc(comments.id))
      .limit(ADMIN_PAGE_SIZE)
      .offset(offsetOf(query.page)),
    db.select({ value: count() }).from(comments).leftJoin(users, eq(users.id, comments.authorId)).where(where),
  ])
  return pageOf(items, total?.value ?? 0, query.page)
}

/** Slugs of the articles that have comments, for the article filter. */
export async function commentedPostSlugs(): Promise<string[]> {
  const rows = await db.selectDistinct({ slug: comments.postSlug }).from(comments).orderBy(asc(comments.postSlug))
  return rows.map((row) => row.slug)
}

/** The name of a member for the "comments by" filter heading, or null. */
export async function memberName(id: string): Promise<string | null> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, id)).limit(1)
  return row?.name ?? null
}
