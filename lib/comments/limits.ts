/**
 * The numbers and fixed words of comments, apart from the schemas so client
 * components can use them without bundling server-side rules.
 */
export const COMMENT_BODY_MAX_LENGTH = 5000

/** Top-level comments per page; each comes with all its replies. */
export const COMMENT_PAGE_SIZE = 50

/**
 * Deepest nesting: 0 (top level), 1, 2. A reply to a comment at depth 2 is
 * stored at depth 2 beside it, with "回复 @name" saying whom it answers.
 */
export const COMMENT_MAX_DEPTH = 2

/** How long after posting a member may still edit their comment. */
export const COMMENT_EDIT_WINDOW_MINUTES = 15

/** The honeypot: a field people never see. Bots that fill it in are told the comment was posted. */
export const COMMENT_HONEYPOT_FIELD = 'website'

/** What a comment shows once deleted, keeping its place in the thread. */
export const DELETED_COMMENT_TEXT = '该评论已删除'

export const COMMENTS_UNAVAILABLE_MESSAGE = '评论暂时无法加载'

/** The id of a comment's element: links to `#comment-<id>` land on it. */
export function commentAnchor(id: number): string {
  return `comment-${id}`
}

/** `#comment-123` → 123; anything else → null. */
export function commentIdFromHash(hash: string): number | null {
  const match = /^#comment-([1-9]\d{0,15})$/.exec(hash)
  return match ? Number(match[1]) : null
}
