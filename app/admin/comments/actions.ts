'use server'

import { changeCommentVisibility, removeComment } from '@/lib/admin/actions'
import { adminAction } from '../admin-action'

export const setCommentHiddenAction = adminAction(changeCommentVisibility)
export const deleteCommentAction = adminAction(removeComment)
