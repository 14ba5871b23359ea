'use server'

import { validatedAction } from '@/lib/actions/validated-action'
import { verifyEmailAccount } from '@/lib/account/actions'

export const verifyEmailAction = validatedAction(verifyEmailAccount, verifyEmailAccount.handler)
