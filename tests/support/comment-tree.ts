import type { CommentView } from '@/lib/comments/types'

/** Every comment of a page's threads, depth first, as a reader scrolls through them. */
export function flattenComments(views: readonly CommentView[]): CommentView[] {
  return views.flatMap((view) => [view, ...flattenComments(view.replies)])
}
