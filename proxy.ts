import { randomBytes } from 'node:crypto'
import { NextResponse, type NextRequest } from 'next/server'
import { themeBootScript } from '@/app/_components/theme'
import { env } from '@/lib/env'
import { REQUEST_ID_HEADER } from '@/lib/log/logger'
import { renderedPagePolicy, sha256Source } from '@/lib/security/csp'
import { SERVER_ACTION_BODY_LIMIT, serverActionBodyRefusal } from '@/lib/security/server-action-body'

/**
 * Runs only for pages rendered per request, for API routes and for server-action
 * POSTs (see `config`): gives each a request id and each page a nonce-based
 * Content-Security-Policy, and refuses action bodies over the size limit.
 * Prerendered pages carry their own policy (lib/security/csp.ts) and are served
 * without this detour. Authorization is not done here: every page and action
 * checks permissions itself.
 */

const https = env.SITE_URL.startsWith('https://')
const themeHash = sha256Source(themeBootScript)

export function proxy(request: NextRequest) {
  const bodyRefusal = serverActionBodyRefusal(request.method, request.headers)
  if (bodyRefusal) {
    const reason = bodyRefusal === 413 ? `请求内容超过 ${SERVER_ACTION_BODY_LIMIT}` : '请求缺少 Content-Length'
    return new NextResponse(reason, { status: bodyRefusal, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  }
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
  if (https) response.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains')
  return response
}

// The routes rendered per request. A new dynamic page must be listed here; the
// security e2e suite fails if a page is neither prerendered nor covered. Server
// actions can be posted to any path, so every request naming one comes here too.
export const config = {
  matcher: [
    '/api/:path*',
    '/login',
    '/register',
    '/account',
    '/feedback',
    '/search',
    '/admin',
    '/admin/:path*',
    // Literal values only: Next.js reads this object without running the module.
    { source: '/:path*', has: [{ type: 'header', key: 'next-action' }] },
  ],
}
