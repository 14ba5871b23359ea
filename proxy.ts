import { randomBytes } from 'node:crypto'
import { NextResponse, type NextRequest } from 'next/server'
import { themeBootScript } from '@/app/_components/theme'
import { env } from '@/lib/env'
import { REQUEST_ID_HEADER } from '@/lib/log/logger'
import { contentSecurityPolicy, sha256Source } from '@/lib/security/csp'
import { prerenderedScriptHashes } from '@/lib/security/csp-manifest'

/**
 * Sets each page's Content-Security-Policy (see lib/security/csp.ts): the
 * recorded script hashes for a prerendered page, a fresh nonce for a page
 * rendered per request. Authorization is not done here: every page and action
 * checks permissions itself.
 */

const themeHash = sha256Source(themeBootScript)
const https = env.SITE_URL.startsWith('https://')
const formActionOrigins = env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET ? ['https://github.com'] : []

function decodePath(pathname: string): string {
  try {
    const decoded = decodeURIComponent(pathname)
    return decoded.length > 1 ? decoded.replace(/\/+$/, '') : decoded
  } catch {
    return pathname
  }
}

export function proxy(request: NextRequest) {
  // Every request gets an id (or keeps the load balancer's), echoed in the response
  // and in error logs, so a user's report can be matched to a log line.
  const requestId = request.headers.get(REQUEST_ID_HEADER) ?? randomBytes(8).toString('hex')
  if (request.nextUrl.pathname.startsWith('/api/')) {
    const headers = new Headers(request.headers)
    headers.set(REQUEST_ID_HEADER, requestId)
    const response = NextResponse.next({ request: { headers } })
    response.headers.set(REQUEST_ID_HEADER, requestId)
    return response
  }
  const manifest = prerenderedScriptHashes()
  const prerendered = manifest[decodePath(request.nextUrl.pathname)]
  const development = env.NODE_ENV === 'development'
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set(REQUEST_ID_HEADER, requestId)
  let policy: string
  if (prerendered) {
    policy = contentSecurityPolicy({ scriptHashes: prerendered, formActionOrigins, https, development })
  } else {
    const nonce = randomBytes(16).toString('base64')
    // An unknown path may end as the prerendered 404 page, whose scripts are hashed.
    const scriptHashes = [themeHash, ...(manifest['/_not-found'] ?? [])]
    policy = contentSecurityPolicy({ nonce, scriptHashes, formActionOrigins, https, development })
    // Next.js reads the nonce from the request's policy and stamps its own scripts with it.
    requestHeaders.set('content-security-policy', policy)
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  response.headers.set('Content-Security-Policy', policy)
  response.headers.set(REQUEST_ID_HEADER, requestId)
  if (https) response.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains')
  return response
}

export const config = {
  matcher: [
    {
      // Documents and API routes; not build assets or files with an extension (feeds, images).
      source: '/((?!_next/|.*\\.[A-Za-z0-9]+$).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
