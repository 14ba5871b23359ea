'use server'

import { validatedAction } from '@/lib/actions/validated-action'
import {
  changeAccountEmail,
  changeAccountPassword,
  deleteAccount,
  renameAccount,
  resendVerificationAccount,
  updateNotificationSettings,
} from '@/lib/account/actions'

export const renameAction = validatedAction(renameAccount, renameAccount.handler)
export const changePasswordAction = validatedAction(changeAccountPassword, changeAccountPassword.handler)
export const deleteAccountAction = validatedAction(deleteAccount, deleteAccount.handler)
export const resendVerificationAction = validatedAction(resendVerificationAccount, resendVerificationAccount.handler)
export const changeEmailAction = validatedAction(changeAccountEmail, changeAccountEmail.handler)
export const notificationSettingsAction = validatedAction(updateNotificationSettings, updateNotificationSettings.handler)
