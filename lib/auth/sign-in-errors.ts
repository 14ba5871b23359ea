import { rateLimitMessage } from '@/lib/rate-limit/retry-message'

/**
 * Codes that next-auth puts into /login?error=… (its own, and the ones our
 * Credentials provider and GitHub sign-in use), and what the page says for each.
 * The page never shows the raw code.
 */
export const signInErrorCodes = {
  invalidCredentials: 'CredentialsSignin',
  disabled: 'AccountDisabled',
  noVerifiedEmail: 'NoVerifiedEmail',
  /** GitHub's address matches an account whose address was never proven here. */
  unverifiedAccount: 'UnverifiedAccount',
  /** Followed by `-<seconds>`. */
  rateLimited: 'RateLimited',
} as const

export function rateLimitedErrorCode(retryAfterSeconds: number): string {
  return `${signInErrorCodes.rateLimited}-${Math.ceil(retryAfterSeconds)}`
}

export function messageForSignInError(code: string): string {
  if (code === signInErrorCodes.invalidCredentials) return '邮箱或密码不正确'
  if (code === signInErrorCodes.disabled) return '该账户已被停用。如有疑问，请通过留言联系我们。'
  if (code === signInErrorCodes.noVerifiedEmail) {
    return 'GitHub 账户没有已验证的邮箱，无法登录。请先在 GitHub 验证邮箱，或使用邮箱和密码注册。'
  }
  if (code === signInErrorCodes.unverifiedAccount) {
    return '这个邮箱已注册，但还没有验证，所以不能用 GitHub 登录。如果这是你的邮箱，请用“忘记密码”重设密码（链接会发到这个邮箱），之后即可使用 GitHub 登录。'
  }
  const limited = new RegExp(`^${signInErrorCodes.rateLimited}-(\\d{1,7})$`).exec(code)
  if (limited?.[1]) return rateLimitMessage(Number(limited[1]), '失败次数过多')
  if (code === 'OAuthSignin' || code === 'OAuthCallback' || code === 'Callback' || code === 'OAuthCreateAccount') {
    return 'GitHub 登录没有完成，请重试'
  }
  if (code === 'SessionRequired') return '请先登录'
  return '登录没有成功，请重试'
}
