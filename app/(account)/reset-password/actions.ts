'use server'

import { validatedAction } from '@/lib/actions/validated-action'
import { resetPasswordAccount } from '@/lib/auth/account-actions'

export const resetPasswordAction = validatedAction(resetPasswordAccount, resetPasswordAccount.handler)
