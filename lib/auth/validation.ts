import { z } from 'zod'
import { displayNameSchema } from './display-name'
import {
  EMAIL_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  SIGN_IN_PASSWORD_MAX_LENGTH,
} from './field-limits'
import { isCommonPassword } from './password-policy'

/**
 * Every account form's fields and rules, shared by the forms (field names and
 * limits) and the server actions (parsing). Messages are what the member reads.
 */

export { displayNameSchema } from './display-name'

export const emailSchema = z
  .string({ error: '请填写邮箱' })
  .trim()
  .min(1, '请填写邮箱')
  .max(EMAIL_MAX_LENGTH, `邮箱最多 ${EMAIL_MAX_LENGTH} 个字符`)
  .pipe(z.email('请输入有效的邮箱地址，例如 name@example.com'))

/**
 * Why `password` cannot be chosen, or null. Long enough, not absurdly long, not
 * on the breached list; no composition rules (ASVS 2.1.9): a long phrase beats
 * "P@ssw0rd!". Length counts code points; the password is never trimmed, since
 * spaces are part of a passphrase.
 */
export function findNewPasswordProblem(password: string): string | null {
  if (password.length === 0) return '请填写密码'
  const length = Array.from(password).length
  if (length < PASSWORD_MIN_LENGTH) return `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符（现在是 ${length} 个）`
  if (length > PASSWORD_MAX_LENGTH) return `密码最多 ${PASSWORD_MAX_LENGTH} 个字符`
  if (isCommonPassword(password)) return '这个密码出现在已泄露的常用密码列表中，很容易被猜到，请换一个'
  return null
}

export const newPasswordSchema = z.string({ error: '请填写密码' }).superRefine((password, context) => {
  const problem = findNewPasswordProblem(password)
  if (problem) context.addIssue({ code: 'custom', message: problem })
})

/** A password someone types to prove who they are: only presence is checked. */
const enteredPasswordSchema = z
  .string({ error: '请填写密码' })
  .min(1, '请填写密码')
  .max(SIGN_IN_PASSWORD_MAX_LENGTH, '密码不正确')

/** Where to go after signing in or registering; sanitized again by the action. */
const callbackUrlSchema = z.string().max(2048).optional()

export const registerSchema = z
  .object({
    name: displayNameSchema,
    email: emailSchema,
    password: newPasswordSchema,
    callbackUrl: callbackUrlSchema,
  })
  .refine((input) => input.password.trim().toLowerCase() !== input.email.toLowerCase(), {
    path: ['password'],
    message: '密码不能与邮箱相同',
  })
export type RegisterInput = z.output<typeof registerSchema>

export const signInSchema = z.object({
  email: emailSchema,
  password: enteredPasswordSchema,
  callbackUrl: callbackUrlSchema,
})
export type SignInInput = z.output<typeof signInSchema>

export const renameSchema = z.object({ name: displayNameSchema })
export type RenameInput = z.output<typeof renameSchema>

export const changePasswordSchema = z
  .object({
    // Empty for members who signed up through GitHub and have no password yet.
    currentPassword: z.string().max(SIGN_IN_PASSWORD_MAX_LENGTH, '当前密码不正确').default(''),
    newPassword: newPasswordSchema,
  })
  .refine((input) => input.currentPassword.length === 0 || input.currentPassword !== input.newPassword, {
    path: ['newPassword'],
    message: '新密码不能与当前密码相同',
  })
export type ChangePasswordInput = z.output<typeof changePasswordSchema>

export const deleteAccountSchema = z.object({
  password: z.string().max(SIGN_IN_PASSWORD_MAX_LENGTH, '密码不正确').default(''),
  // Members without a password confirm by typing their email instead.
  confirmEmail: z.string().max(EMAIL_MAX_LENGTH).default(''),
})
export type DeleteAccountInput = z.output<typeof deleteAccountSchema>

/** A token from a mailed link (hidden field): 43 base64url characters, refused otherwise. */
const linkTokenSchema = z.string({ error: '链接无效' }).regex(/^[A-Za-z0-9_-]{43}$/, '链接无效')

export const forgotPasswordSchema = z.object({ email: emailSchema })
export type ForgotPasswordInput = z.output<typeof forgotPasswordSchema>

/** The new password follows the rules of registration. */
export const resetPasswordSchema = z.object({ token: linkTokenSchema, password: newPasswordSchema })
export type ResetPasswordInput = z.output<typeof resetPasswordSchema>

export const verifyEmailSchema = z.object({ token: linkTokenSchema })

/** The address the notice showed, so a resend goes where the member expects. */
export const resendVerificationSchema = z.object({ email: emailSchema })

export const changeEmailSchema = z.object({
  email: emailSchema,
  // Empty for members who signed up through GitHub and have no password.
  password: z.string().max(SIGN_IN_PASSWORD_MAX_LENGTH, '密码不正确').default(''),
})
export type ChangeEmailInput = z.output<typeof changeEmailSchema>

/** A checkbox: 'on' when ticked, absent when not. */
const checkbox = z.enum(['on'], { error: '开关的值无效' }).optional().transform((value) => value === 'on')

export const notificationSettingsSchema = z.object({ replies: checkbox, feedback: checkbox })
export type NotificationSettingsInput = z.output<typeof notificationSettingsSchema>
