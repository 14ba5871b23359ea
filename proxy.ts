import { randomBytes } from 'node:crypto'
import { NextResponse, type NextRequest } from 'next/server'
import { themeBootScript } from '@/app/_components/theme'
import { env } from '@/lib/env'
import { REQUEST_ID_HEADER } from '@/lib/log/logger'
import { renderedPagePolicy, sha256Source } from '@/lib/security/csp'
import { serverActionBodyRefusal, serverActionRefusal } from '@/lib/security/server-action-requests'
import { hasMalformedPercentEncoding, hasNulInQuery } from '@/lib/security/url-encoding'

/**
 * Runs only for pages rendered per request, for API routes and for possible
 * server-action POSTs (see `config`): gives each a request id and each page a
 * nonce-based Content-Security-Policy, and refuses what no form of the site
 * sends: cross-origin, oversized or undecodable server-action requests
 * (lib/security/server-action-requests.ts), undecodable paths and query
 * strings holding NUL (lib/security/url-encoding.ts). Prerendered pages carry
 * their own policy (lib/security/csp.ts) and are served without this detour.
 * Authorization is not done here: every page and action checks permissions
 * itself.
 */

const https = env.SITE_URL.startsWith('https://')
const themeHash = sha256Source(themeBootScript)

function refusal(status: number, reason: string): NextResponse {
  return new NextResponse(reason, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

export async function proxy(request: NextRequest) {
  const url = new URL(request.url)
  if (hasMalformedPercentEncoding(url.pathname)) return refusal(400, '地址中的百分号编码无效')
  if (hasNulInQuery(url.searchParams)) return refusal(400, '查询参数不能包含空字符（%00）')
  // Next.js hands the proxy its own copy of the body (next/dist/server/body-streams.js):
  // reading it here leaves the original for the action.
  const actionRefusal = serverActionRefusal(request.method, request.headers) ?? (await serverActionBodyRefusal(request))
  if (actionRefusal) return refusal(actionRefusal.status, actionRefusal.reason)
  // Every request gets an id (or keeps the load balancer's), echoed in the response
  // and in error logs, so a user's report can be matched to a log line.
  const requestId = request.headers.get(REQUEST_ID_HEADER) ?? randomBytes(8).toString('hex')
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set(REQUEST_ID_HEADER, requestId)
  let policy: string | undefined
  if (!request.nextUrl.pathname.startsWith('/api/')) {
    policy = renderedPagePolicy({
      nonce: randomBytes(16).toString('base64'),
      scriptHashes: [themeHash],
      https,
      development: env.NODE_ENV === 'development',
    })
    // Next.js reads the nonce from the request's policy and stamps its own scripts with it.
    requestHeaders.set('content-security-policy', policy)
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  if (policy) response.headers.set('Content-Security-Policy', policy)
  response.headers.set(REQUEST_ID_HEADER, requestId)
  return response
}

// The routes rendered per request. A new dynamic page must be listed here; the
// security e2e suite fails if a page is neither prerendered nor covered. Server
// actions can be posted to any path, so every request naming one comes here too,
// and so does every multipart POST, which Next.js treats as a form that may name one.
export const config = {
  matcher: [
    '/api/:path*',
    '/login',
    '/register',
    '/account',
    '/verify-email',
    '/forgot-password',
    '/reset-password',
    '/unsubscribe',
    '/feedback',
    '/search',
    '/admin',
    '/admin/:path*',
    // Literal values only: Next.js reads this object without running the module.
    { source: '/:path*', has: [{ type: 'header', key: 'next-action' }] },
    { source: '/:path*', has: [{ type: 'header', key: 'content-type', value: 'multipart/form-data.*' }] },
    // Paths that are not valid percent-encoded UTF-8 (the grammar of RFC 3629,
    // which decodeURIComponent follows), and only those: well-formed pages never
    // take this detour. tests/unit/proxy-matcher.test.ts checks it against decoding.
    '/((?!(?:[^%]|%[0-7][0-9A-Fa-f]|%[Cc][2-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Dd][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ee]0%[ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ee][1-9A-Ca-cEeFf]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ee][Dd]%[89][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ff]0%[9ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ff][1-3]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ff]4%8[0-9A-Fa-f]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f])*$).*)',
  ],
}
