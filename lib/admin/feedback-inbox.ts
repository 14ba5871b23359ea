import 'server-only'
import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm'
import { db } from '@/db'
import { feedbackMessages, users, type FeedbackMessage, type FeedbackStatus } from '@/db/schema'
import { firstParam } from '@/lib/request/search-params'
import { ADMIN_PAGE_SIZE, containsPattern, offsetOf, pageOf, pageParam, textParam, type Page, type QueryParams } from './listing'

/** The feedback inbox: which messages a view shows, newest first, with a text filter. */

export const inboxViews = ['inbox', 'new', 'read', 'archived', 'all'] as const
export type InboxView = (typeof inboxViews)[number]

export const inboxViewLabels: Record<InboxView, string> = {
  inbox: '未归档',
  new: '新留言',
  read: '已读',
  archived: '已归档',
  all: '全部',
}

const statusesOf: Record<InboxView, readonly FeedbackStatus[]> = {
  inbox: ['new', 'read'],
  new: ['new'],
  read: ['read'],
  archived: ['archived'],
  all: ['new', 'read', 'archived'],
}

export interface InboxQuery {
  view: InboxView
  /** Matched case-insensitively anywhere in the name, email or message. */
  text: string
  page: number
}

function isInboxView(value: string | undefined): value is InboxView {
  return inboxViews.some((view) => view === value)
}

export function parseInboxQuery(params: QueryParams): InboxQuery {
  const view = firstParam(params.view)
  return { view: isInboxView(view) ? view : 'inbox', text: textParam(params), page: pageParam(params) }
}

const EXCERPT_LENGTH = 160

export interface InboxItem {
  id: number
  name: string
  email: string | null
  /** The first characters of the message, enough to recognize it. */
  excerpt: string
  truncated: boolean
  status: FeedbackStatus
  createdAt: Date
  /** Current display name of the member who sent it, if a member did. */
  memberName: string | null
}

function conditionsFor(query: Pick<InboxQuery, 'view' | 'text'>): SQL | undefined {
  const conditions: (SQL | undefined)[] = [inArray(feedbackMessages.status, [...statusesOf[query.view]])]
  if (query.text) {
    const pattern = containsPattern(query.text)
    conditions.push(
      or(ilike(feedbackMessages.name, pattern), ilike(feedbackMessages.email, pattern), ilike(feedbackMessages.body, pattern)),
    )
  }
  return and(...conditions)
}

export async function listFeedback(query: InboxQuery): Promise<Page<InboxItem>> {
  const where = conditionsFor(query)
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: feedbackMessages.id,
        name: feedbackMessages.name,
        email: feedbackMessages.email,
        excerpt: sql<string>`left(${feedbackMessages.body}, ${EXCERPT_LENGTH})`,
        truncated: sql<boolean>`char_length(${feedbackMessages.body}) > ${EXCERPT_LENGTH}`,
        status: feedbackMessages.status,
        createdAt: feedbackMessages.createdAt,
        memberName: users.name,
      })
      .from(feedbackMessages)
      .leftJoin(users, eq(users.id, feedbackMessages.userId))
      .where(where)
      .orderBy(desc(feedbackMessages.createdAt), desc(feedbackMessages.id))
      .limit(ADMIN_PAGE_SIZE)
      .offset(offsetOf(query.page)),
    db.select({ value: count() }).from(feedbackMessages).where(where),
  ])
  return pageOf(items, total?.value ?? 0, query.page)
}

/** How many messages each status holds, for the view tabs and the dashboard. */
export async function countFeedbackByStatus(): Promise<Record<FeedbackStatus, number>> {
  const rows = await db
    .select({ status: feedbackMessages.status, value: count() })
    .from(feedbackMessages)
    .groupBy(feedbackMessages.status)
  const counts: Record<FeedbackStatus, number> = { new: 0, read: 0, archived: 0 }
  for (const row of rows) counts[row.status] = row.value
  return counts
}

export function countInView(counts: Record<FeedbackStatus, number>, view: InboxView): number {
  return statusesOf[view].reduce((sum, status) => sum + counts[status], 0)
}

export type FeedbackDetail = FeedbackMessage & { memberName: string | null; memberEmail: string | null }

export async function findFeedback(id: number): Promise<FeedbackDetail | null> {
  const [row] = await db
    .select({
      id: feedbackMessages.id,
      name: feedbackMessages.name,
      email: feedbackMessages.email,
      body: feedbackMessages.body,
      userId: feedbackMessages.userId,
      status: feedbackMessages.status,
      createdAt: feedbackMessages.createdAt,
      readAt: feedbackMessages.readAt,
      memberName: users.name,
      memberEmail: users.email,
    })
    .from(feedbackMessages)
    .leftJoin(users, eq(users.id, feedbackMessages.userId))
    .where(eq(feedbackMessages.id, id))
    .limit(1)
  return row ?? null
}
