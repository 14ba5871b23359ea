'use server'

import { validatedAction } from '@/lib/actions/validated-action'
import { resetPasswordAccount } from '@/lib/account/actions'

export const resetPasswordAction = validatedAction(resetPasswordAccount, resetPasswordAccount.handler)
