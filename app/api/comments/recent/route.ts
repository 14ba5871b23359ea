import { listRecentComments } from '@/lib/comments/comment-listing'
import { commentsUnavailable } from '../unavailable'

export const dynamic = 'force-dynamic'

/**
 * GET /api/comments/recent: the ten newest visible comments for the side
 * column, as plain-text excerpts. Not cached anywhere (a hidden comment must
 * leave the list at once, and instances keep no state).
 */
export async function GET(request: Request) {
  const headers = { 'Cache-Control': 'no-store' }
  try {
    return Response.json({ comments: await listRecentComments(10) }, { headers })
  } catch (error) {
    return commentsUnavailable(request, error, headers)
  }
}
