import { getCurrentUser } from '@/lib/auth/current-user'
import { can } from '@/lib/auth/permissions'
import { listArticleComments, type CommentReader } from '@/lib/comments/comment-listing'
import { COMMENT_PAGE_SIZE } from '@/lib/comments/limits'
import type { CommentsPageData, CommentViewerView } from '@/lib/comments/types'
import { getPostMetas } from '@/lib/content/posts.server'
import { commentsUnavailable } from './unavailable'

export const dynamic = 'force-dynamic'

// Per member (edit and moderation flags), and changes with every comment.
const headers = { 'Cache-Control': 'private, no-store' }

function positiveInteger(value: string | null): number | undefined {
  return value && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : undefined
}

/**
 * GET /api/comments?post=<slug>&page=<n> (or &comment=<id> for the page that
 * shows a permalinked comment): one page of the article's comments with their
 * server-rendered, sanitized HTML, and what the session asking may do with
 * each. The article page is static; its comment section reads this.
 */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams
  const post = params.get('post') ?? ''
  if (!getPostMetas().some((meta) => meta.slug === post)) {
    return Response.json({ error: '这篇文章不存在' }, { status: 404, headers })
  }
  try {
    const user = await getCurrentUser()
    const enabled = user && user.actor !== 'disabled' ? user : null
    const reader: CommentReader = enabled ? { id: enabled.id, canModerate: can(enabled.actor, 'comment.moderate') } : null
    const viewer: CommentViewerView | null = user
      ? {
          name: user.name,
          role: user.role,
          canComment: can(user.actor, 'comment.create') && user.emailVerified,
          unverifiedEmail: user.emailVerified ? null : user.email,
          canModerate: can(user.actor, 'comment.moderate'),
        }
      : null
    const listing = await listArticleComments(post, { page: positiveInteger(params.get('page')), commentId: positiveInteger(params.get('comment')) }, reader)
    const body: CommentsPageData = { post, pageSize: COMMENT_PAGE_SIZE, viewer, ...listing }
    return Response.json(body, { headers })
  } catch (error) {
    return commentsUnavailable(request, error, headers)
  }
}
