'use server'

import { validatedAction } from '@/lib/actions/validated-action'
import {
  createComment,
  deleteComment,
  editComment,
  moderateCommentDeletion,
  moderateCommentVisibility,
  previewComment,
} from '@/lib/comments/actions'

// The comment section's actions (definitions in lib/comments/actions.ts). The
// article page stays static: the section re-reads /api/comments after each one.
export const createCommentAction = validatedAction(createComment, createComment.handler)
export const previewCommentAction = validatedAction(previewComment, previewComment.handler)
export const editCommentAction = validatedAction(editComment, editComment.handler)
export const deleteCommentAction = validatedAction(deleteComment, deleteComment.handler)
export const setCommentHiddenAction = validatedAction(moderateCommentVisibility, moderateCommentVisibility.handler)
export const moderatorDeleteCommentAction = validatedAction(moderateCommentDeletion, moderateCommentDeletion.handler)
