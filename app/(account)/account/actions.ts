'use server'

import { validatedAction } from '@/lib/actions/validated-action'
import { changeAccountPassword, deleteAccount, renameAccount } from '@/lib/auth/account-actions'

export const renameAction = validatedAction(renameAccount, renameAccount.handler)
export const changePasswordAction = validatedAction(changeAccountPassword, changeAccountPassword.handler)
export const deleteAccountAction = validatedAction(deleteAccount, deleteAccount.handler)
