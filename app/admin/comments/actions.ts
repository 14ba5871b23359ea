'use server'

import { moderateCommentDeletion, moderateCommentVisibility } from '@/lib/comments/actions'
import { adminAction } from '../admin-action'

// The same definitions as on the article page (lib/comments/actions.ts); here the page re-renders after each.
export const setCommentHiddenAction = adminAction(moderateCommentVisibility)
export const deleteCommentAction = adminAction(moderateCommentDeletion)
