'use server'

import { validatedAction } from '@/lib/actions/validated-action'
import { signIn } from '@/lib/account/actions'

export const signInAction = validatedAction(signIn, signIn.handler)
