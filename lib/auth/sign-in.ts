import 'server-only'
import { createHash } from 'node:crypto'
import type { User } from '@/db/schema'
import { consumeRateLimit, refundRateLimit } from '@/lib/rate-limit/rate-limit'
import { rateLimitMessage } from '@/lib/rate-limit/retry-message'
import { rateLimitRules } from '@/lib/rate-limit/rules'
import { findMemberByEmail, updatePasswordHash } from './members'
import { hashPassword, needsRehash, verifyPassword } from './password-hash'

/** The one answer to every wrong email/password combination. */
export const INVALID_CREDENTIALS_MESSAGE = '邮箱或密码不正确'
export const DISABLED_ACCOUNT_MESSAGE = '该账户已被停用。如有疑问，请通过留言联系我们。'

export function tooManyFailuresMessage(retryAfterSeconds: number): string {
  return rateLimitMessage(retryAfterSeconds, '失败次数过多')
}

/**
 * Accounts are counted under a hash of the normalized email: the same for a
 * member and for an email nobody registered (so lockouts reveal nothing), and
 * no addresses in the rate-limit table.
 */
export function accountSubject(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)
}

export type PasswordAttempt<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'wrong-password' }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number }

/**
 * Runs one password check under the failure limits of the account and the IP.
 * `check` resolves to what the password unlocked, or null when it was wrong.
 * The attempt is counted before checking and refunded when it succeeds, so that
 * concurrent guesses cannot slip past a nearly full limit. A refused attempt
 * checks nothing: even the right password waits until the limit has passed.
 */
export async function attemptPasswordCheck<T>(
  email: string,
  ip: string,
  check: () => Promise<T | null>,
): Promise<PasswordAttempt<T>> {
  const { signInFailuresPerIp: perIp, signInFailuresPerAccount: perAccount } = rateLimitRules
  const account = accountSubject(email)
  const byIp = await consumeRateLimit(perIp, ip)
  if (!byIp.allowed) return { ok: false, reason: 'rate-limited', retryAfterSeconds: byIp.retryAfterSeconds }
  const byAccount = await consumeRateLimit(perAccount, account)
  if (!byAccount.allowed) {
    await refundRateLimit(perIp, ip)
    return { ok: false, reason: 'rate-limited', retryAfterSeconds: byAccount.retryAfterSeconds }
  }
  const value = await check()
  if (value === null) return { ok: false, reason: 'wrong-password' }
  await refundRateLimit(perAccount, account)
  await refundRateLimit(perIp, ip)
  return { ok: true, value }
}

export type SignInResult =
  | { ok: true; member: User }
  | { ok: false; reason: 'invalid-credentials' | 'disabled'; message: string }
  | { ok: false; reason: 'rate-limited'; message: string; retryAfterSeconds: number }

/**
 * Email + password sign-in, used by the /login form and by next-auth's
 * Credentials provider. Unknown emails are checked against a dummy hash, so
 * they take as long and fail the same way as a wrong password.
 */
export async function signInWithPassword(input: { email: string; password: string; ip: string }): Promise<SignInResult> {
  const attempt = await attemptPasswordCheck(input.email, input.ip, async () => {
    const member = await findMemberByEmail(input.email)
    return (await verifyPassword(member?.passwordHash, input.password)) ? member : null
  })
  if (!attempt.ok) {
    return attempt.reason === 'rate-limited'
      ? { ok: false, reason: 'rate-limited', retryAfterSeconds: attempt.retryAfterSeconds, message: tooManyFailuresMessage(attempt.retryAfterSeconds) }
      : { ok: false, reason: 'invalid-credentials', message: INVALID_CREDENTIALS_MESSAGE }
  }
  const signedIn = attempt.value
  // Only someone who knows the password learns that the account is disabled.
  if (signedIn.disabledAt) return { ok: false, reason: 'disabled', message: DISABLED_ACCOUNT_MESSAGE }
  if (signedIn.passwordHash && needsRehash(signedIn.passwordHash)) {
    await updatePasswordHash(signedIn.id, await hashPassword(input.password))
  }
  return { ok: true, member: signedIn }
}
