import type { UserRole } from '@/db/schema'

/**
 * The JSON the comment routes answer with (app/api/comments/*), shared by the
 * routes that build it and the client components that read it.
 */

export interface CommentView {
  id: number
  /** 0 for top level, up to COMMENT_MAX_DEPTH. */
  depth: number
  /** The author's display name, or "已注销用户" once their account is gone. */
  authorName: string
  /** Whom a reply beyond the nesting limit answers ("回复 @name"); null otherwise. */
  replyToName: string | null
  /** Sanitized HTML rendered on the server when the comment was written; null once deleted. */
  bodyHtml: string | null
  /** What the author typed: only sent to the author while they may still edit it. */
  source: string | null
  /** ISO 8601. */
  createdAt: string
  editedAt: string | null
  deleted: boolean
  /** Only moderators ever receive hidden comments. */
  hidden: boolean
  /** Written by the member asking. */
  own: boolean
  canEdit: boolean
  canDelete: boolean
  canModerate: boolean
  replies: CommentView[]
}

/** Who is asking, as far as the comment section needs to know. Null for visitors. */
export interface CommentViewerView {
  name: string
  role: UserRole
  /** False for disabled members and for members whose address is not proven yet. */
  canComment: boolean
  /** The member's own address while it is not verified (they may not comment yet); null otherwise. */
  unverifiedEmail: string | null
  canModerate: boolean
}

export interface CommentsPageData {
  post: string
  /** Visible comments of the article, replies included. */
  count: number
  page: number
  pages: number
  pageSize: number
  viewer: CommentViewerView | null
  /** Top-level comments of this page, oldest first, each with its replies. */
  comments: CommentView[]
}

/** One entry of the side column's "最近评论". */
export interface RecentComment {
  id: number
  authorName: string
  /** Plain text, shortened. */
  excerpt: string
  postTitle: string
  href: string
}

/** What a successful post answers: the new (or repeated) comment's id; null for a bot caught by the honeypot. */
export interface PostedComment {
  id: number | null
}

export interface CommentPreview {
  html: string
}
