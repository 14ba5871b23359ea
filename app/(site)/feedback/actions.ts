'use server'

import { validatedAction } from '@/lib/actions/validated-action'
import { sendFeedback } from '@/lib/feedback/send-feedback'

export const sendFeedbackAction = validatedAction(sendFeedback, sendFeedback.handler)
