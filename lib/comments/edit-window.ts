import 'server-only'
import { sql } from 'drizzle-orm'
import { comments } from '@/db/schema'
import { COMMENT_EDIT_WINDOW_MINUTES } from './limits'

/**
 * True while a comment is young enough for its author to edit, by the
 * database clock, so every instance agrees (and tests move `created_at`
 * instead of a clock).
 */
export function editWindowOpen() {
  return sql<boolean>`${comments.createdAt} > now() - (${COMMENT_EDIT_WINDOW_MINUTES}::integer * interval '1 minute')`.mapWith(Boolean)
}
