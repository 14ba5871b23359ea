'use server'

import { validatedAction } from '@/lib/actions/validated-action'
import { registerAccount } from '@/lib/account/actions'

export const registerAction = validatedAction(registerAccount, registerAccount.handler)
