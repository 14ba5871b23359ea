'use server'

import { redirect } from 'next/navigation'
import { changeFeedbackStatus, removeFeedback } from '@/lib/admin/actions'
import { adminAction } from '../admin-action'

export const setFeedbackStatusAction = adminAction(changeFeedbackStatus)

/** Deleting happens on the message's own page, which is then gone: back to the inbox. */
export const deleteFeedbackAction = adminAction(removeFeedback, () => redirect('/admin/feedback?deleted=1'))
