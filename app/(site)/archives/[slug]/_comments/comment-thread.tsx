'use client'

import { useState } from 'react'
import type { CommentView, CommentViewerView } from '@/lib/comments/types'
import { CommentItem, type OpenForm } from './comment-item'

export interface ThreadProps {
  slug: string
  comments: CommentView[]
  page: number
  viewer: CommentViewerView | null
  /** The comment a permalink points at, highlighted. */
  target: number | null
  /** Called after a successful change, with what to announce and the comment to land on. */
  onChanged: (message: string, focus?: number) => Promise<void>
}

/** The threads of one page: top-level comments, each followed by its replies, indented by depth. */
export function CommentThread(props: ThreadProps) {
  const [open, setOpen] = useState<OpenForm>(null)
  return (
    <ol className="comment-list">
      {props.comments.map((comment) => (
        <CommentItem key={comment.id} {...props} comment={comment} open={open} setOpen={setOpen} />
      ))}
    </ol>
  )
}
