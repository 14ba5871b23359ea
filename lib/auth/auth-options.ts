import 'server-only'
import type { AuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import GitHubProvider from 'next-auth/providers/github'
import { isDatabaseUnavailableError } from '@/db/errors'
import { env } from '@/lib/env'
import { logger } from '@/lib/log/logger'
import { clientIpFromForwardedFor } from '@/lib/request/client-ip'
import { getAuthSecret } from './auth-secret'
import { safeCallbackPath } from './callback-url'
import { findMemberById } from './members'
import { findMemberByOAuth, signInWithOAuth } from './oauth'
import { claimsFor, sessionClaimsSchema } from './session-claims'
import { SESSION_MAX_AGE_SECONDS, sessionCookieSettings, usesSecureCookies } from './session-cookie'
import { findSessionMember } from './session-member'
import { rateLimitedErrorCode, signInErrorCodes } from './sign-in-errors'
import { signInWithPassword } from './sign-in'
import { signInSchema } from './validation'

/**
 * next-auth's configuration: JWT sessions in an encrypted, HttpOnly cookie;
 * email + password through the Credentials provider; GitHub when configured.
 *
 * The /login and /register forms are server actions that check passwords with
 * the same `signInWithPassword` and issue the same cookie (lib/auth/session-cookie.ts);
 * next-auth serves /api/auth/session (read by the header), sign-out, the GitHub
 * flow, and /api/auth/callback/credentials for clients that use `signIn()`.
 */

/** Thrown when a token no longer counts; next-auth then deletes the cookie. */
class SessionEndedError extends Error {
  constructor() {
    super('session ended: account deleted or signed out everywhere')
    this.name = 'SessionEndedError'
  }
}

// Reports posted to /api/auth/_log carry whatever the caller wrote: keep a bounded part.
const LOGGED_TEXT_MAX_LENGTH = 500

function clip(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value)
  return text.length > LOGGED_TEXT_MAX_LENGTH ? `${text.slice(0, LOGGED_TEXT_MAX_LENGTH)}…` : text
}

/**
 * The error next-auth reports: an Error, `{ error: Error }` from its own code,
 * or, for POST /api/auth/_log, any object a caller chose.
 */
function errorFrom(metadata: unknown): { error?: Error; message: string } {
  if (metadata instanceof Error) return { error: metadata, message: metadata.message }
  if (typeof metadata === 'object' && metadata !== null) {
    if ('error' in metadata && metadata.error instanceof Error) return { error: metadata.error, message: metadata.error.message }
    if ('message' in metadata && metadata.message !== undefined) return { message: clip(metadata.message) }
  }
  return { message: 'unknown error' }
}

async function fetchVerifiedGitHubEmail(accessToken: string | undefined): Promise<string | null> {
  if (!accessToken) return null
  const response = await fetch('https://api.github.com/user/emails', {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/vnd.github+json' },
  })
  if (!response.ok) return null
  const emails: unknown = await response.json()
  if (!Array.isArray(emails)) return null
  for (const entry of emails) {
    if (
      typeof entry === 'object' && entry !== null &&
      'primary' in entry && entry.primary === true &&
      'verified' in entry && entry.verified === true &&
      'email' in entry && typeof entry.email === 'string'
    ) {
      return entry.email
    }
  }
  return null
}

function headerValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value.join(',')
  return undefined
}

function buildAuthOptions(): AuthOptions {
  const github =
    env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET
      ? [GitHubProvider({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })]
      : []

  return {
    secret: getAuthSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: usesSecureCookies(),
    cookies: { sessionToken: sessionCookieSettings() },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        name: '邮箱和密码',
        credentials: {
          email: { label: '邮箱', type: 'email' },
          password: { label: '密码', type: 'password' },
        },
        async authorize(credentials, request) {
          const input = signInSchema.safeParse(credentials ?? {})
          if (!input.success) return null
          const ip = clientIpFromForwardedFor(headerValue(request.headers?.['x-forwarded-for']))
          const result = await signInWithPassword({ email: input.data.email, password: input.data.password, ip })
          if (result.ok) return { id: result.member.id, name: result.member.name }
          // The message becomes /login?error=<code>; the page turns it into words.
          if (result.reason === 'rate-limited') throw new Error(rateLimitedErrorCode(result.retryAfterSeconds))
          if (result.reason === 'disabled') throw new Error(signInErrorCodes.disabled)
          return null
        },
      }),
      ...github,
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (!account || account.provider === 'credentials') return true
        const login = profile && 'login' in profile && typeof profile.login === 'string' ? profile.login : null
        const result = await signInWithOAuth({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          verifiedEmail: await fetchVerifiedGitHubEmail(account.access_token),
          name: profile?.name ?? login,
        })
        if (result.ok) return true
        const code =
          result.reason === 'disabled'
            ? signInErrorCodes.disabled
            : result.reason === 'unverified-account'
              ? signInErrorCodes.unverifiedAccount
              : signInErrorCodes.noVerifiedEmail
        return `/login?${new URLSearchParams({ error: code })}`
      },

      async jwt({ token, account }) {
        if (account) {
          // A fresh sign-in through next-auth: `token.sub` is our member id for
          // credentials; GitHub's is GitHub's, so look the link up.
          const member =
            account.provider === 'credentials'
              ? token.sub ? await findMemberById(token.sub) : null
              : await findMemberByOAuth(account.provider, account.providerAccountId)
          if (!member) throw new SessionEndedError()
          return claimsFor(member)
        }
        // Every later read, e.g. the header's /api/auth/session: confirm the token
        // still counts and refresh name and role.
        const claims = sessionClaimsSchema.safeParse(token)
        if (!claims.success) throw new SessionEndedError()
        try {
          const member = await findSessionMember(claims.data)
          if (!member) throw new SessionEndedError()
          return claimsFor(member)
        } catch (error) {
          // The header is only a display; pages and actions check for themselves.
          // Keeping the token avoids signing everyone out during a database hiccup.
          if (isDatabaseUnavailableError(error)) return token
          throw error
        }
      },

      session({ session, token }) {
        return {
          expires: session.expires,
          user: { id: token.sub ?? '', name: token.name ?? '', role: token.role ?? 'member' },
        }
      },

      // Every return address next-auth follows (sign-in, sign-out, its callback cookie) passes here.
      redirect({ url, baseUrl }) {
        return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString()
      },
    },
    logger: {
      // Codes and messages only, as JSON lines (lib/log/logger.ts): next-auth's
      // metadata can include request data, and POST /api/auth/_log lets anyone
      // choose both the code and the message.
      error(code, metadata) {
        const { error, message } = errorFrom(metadata)
        if (error instanceof SessionEndedError) return
        logger.error('next-auth error', { code: clip(code), error: message })
      },
      warn(code) {
        logger.warn('next-auth warning', { code: clip(code) })
      },
      debug() {},
    },
  }
}

let options: AuthOptions | undefined

/** Built on first use, so that `next build` neither reads nor writes the secret. */
export function getAuthOptions(): AuthOptions {
  options ??= buildAuthOptions()
  return options
}
