import 'server-only'
import { decode, encode } from 'next-auth/jwt'
import { cookies } from 'next/headers'
import { env } from '@/lib/env'
import { getAuthSecret } from './auth-secret'
import { claimsFor, sessionClaimsSchema, type SessionClaims, type SessionMember } from './session-claims'

/** Sessions last 30 days from the last visit: every session read renews the cookie. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60

/** Secure cookies whenever the public origin is https, i.e. in production. */
export function usesSecureCookies(): boolean {
  return env.SITE_URL.startsWith('https://')
}

/**
 * The session cookie, exactly as next-auth names and sets it: our server actions
 * (sign-in, registration, password change) issue the same cookie next-auth reads.
 * HttpOnly so scripts cannot read it, SameSite=Lax so other sites cannot post with it.
 */
export function sessionCookieSettings() {
  const secure = usesSecureCookies()
  return {
    name: `${secure ? '__Secure-' : ''}next-auth.session-token`,
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure },
  }
}

export function encodeSessionToken(member: SessionMember): Promise<string> {
  return encode({ token: claimsFor(member), secret: getAuthSecret(), maxAge: SESSION_MAX_AGE_SECONDS })
}

/** Signs `member` in on this browser (server actions and route handlers only). */
export async function issueSessionCookie(member: SessionMember): Promise<void> {
  const { name, options } = sessionCookieSettings()
  const token = await encodeSessionToken(member)
  ;(await cookies()).set(name, token, { ...options, maxAge: SESSION_MAX_AGE_SECONDS })
}

/** Signs this browser out (server actions and route handlers only). */
export async function clearSessionCookie(): Promise<void> {
  const { name, options } = sessionCookieSettings()
  ;(await cookies()).set(name, '', { ...options, maxAge: 0 })
}

/**
 * The claims of this request's session cookie, or null when there is none or it
 * does not decrypt (wrong secret, expired, tampered). Not yet checked against the
 * database. Our tokens stay far below next-auth's 4 kB chunking threshold, so the
 * cookie is always one piece.
 */
export async function readSessionClaims(): Promise<SessionClaims | null> {
  const token = (await cookies()).get(sessionCookieSettings().name)?.value
  if (!token) return null
  try {
    const payload = await decode({ token, secret: getAuthSecret() })
    const claims = sessionClaimsSchema.safeParse(payload)
    return claims.success ? claims.data : null
  } catch {
    return null
  }
}
