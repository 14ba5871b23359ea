'use server'

import { validatedAction } from '@/lib/actions/validated-action'
import { requestPasswordResetAccount } from '@/lib/account/actions'

export const requestPasswordResetAction = validatedAction(requestPasswordResetAccount, requestPasswordResetAccount.handler)
