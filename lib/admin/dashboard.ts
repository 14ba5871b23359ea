import 'server-only'
import { count, eq, gte } from 'drizzle-orm'
import { db } from '@/db'
import { comments, feedbackMessages, users } from '@/db/schema'
import { startOfShanghaiDay } from './dates'

export interface DashboardCounts {
  newFeedback: number
  commentsToday: number
  members: number
  disabledMembers: number
}

/** The figures on /admin. "Today" starts at midnight in Shanghai. */
export async function dashboardCounts(now = new Date()): Promise<DashboardCounts> {
  const [[newFeedback], [commentsToday], [members]] = await Promise.all([
    db.select({ value: count() }).from(feedbackMessages).where(eq(feedbackMessages.status, 'new')),
    db.select({ value: count() }).from(comments).where(gte(comments.createdAt, startOfShanghaiDay(now))),
    db.select({ all: count(), disabled: count(users.disabledAt) }).from(users),
  ])
  return {
    newFeedback: newFeedback?.value ?? 0,
    commentsToday: commentsToday?.value ?? 0,
    members: members?.all ?? 0,
    disabledMembers: members?.disabled ?? 0,
  }
}
