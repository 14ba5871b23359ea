import { isDatabaseUnavailableError } from '@/db/errors'
import { listRecentComments } from '@/lib/comments/comment-listing'
import { COMMENTS_UNAVAILABLE_MESSAGE } from '@/lib/comments/limits'

export const dynamic = 'force-dynamic'

/**
 * GET /api/comments/recent: the ten newest visible comments for the side
 * column, as plain-text excerpts. Not cached anywhere (a hidden comment must
 * leave the list at once, and instances keep no state).
 */
export async function GET() {
  const headers = { 'Cache-Control': 'no-store' }
  try {
    return Response.json({ comments: await listRecentComments(10) }, { headers })
  } catch (error) {
    if (!isDatabaseUnavailableError(error)) throw error
    console.error(`[comments] database unavailable: ${error instanceof Error ? error.message : String(error)}`)
    return Response.json({ error: COMMENTS_UNAVAILABLE_MESSAGE }, { status: 503, headers })
  }
}
