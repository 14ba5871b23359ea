import { NextRequest } from 'next/server'

/**
 * Requests to next-auth's endpoints (/api/auth/*) that next-auth would answer
 * with a 500, each turned into a clear answer before next-auth sees it:
 *
 * - a GET on the credentials callback ("Callback for provider type
 *   credentials not supported"): 405;
 * - a POST whose body claims to be JSON but does not parse (next-auth calls
 *   `request.json()` unguarded): 400;
 * - a return address next-auth itself cannot parse (`\\evil.example`,
 *   `javascript:…`), which it checks before our `redirect` callback can judge
 *   it: in the query, it is replaced by the home page, where the callback would
 *   have sent the member anyway; in next-auth's callback cookie, which no page
 *   of ours can rewrite, the request is refused with 400 and the cookie cleared.
 *   Every other return address goes on to the `redirect` callback
 *   (lib/auth/callback-url.ts).
 */

const notJson = { error: '请求内容不是有效的 JSON' }
const credentialsNeedPost = { error: '邮箱和密码登录只接受 POST 请求' }
const badCallbackCookie = { error: '登录后返回的地址无效，已清除，请重试' }

// next-auth's callback cookie, on http and (with the __Secure- prefix) on https.
const callbackCookies = ['next-auth.callback-url', '__Secure-next-auth.callback-url']

/** next-auth's own test of a return address (core/lib/assert.js): a path, or an absolute http(s) URL. */
function nextAuthCanParse(address: string): boolean {
  if (address.startsWith('/')) return true
  try {
    return /^https?:$/.test(new URL(address).protocol)
  } catch {
    return false
  }
}

/** The answer to give instead of next-auth's, or null to hand the request to next-auth. */
export async function authRequestRefusal(request: NextRequest, segments: readonly string[]): Promise<Response | null> {
  if (request.method === 'GET' && segments[0] === 'callback' && segments[1] === 'credentials') {
    return Response.json(credentialsNeedPost, { status: 405, headers: { Allow: 'POST' } })
  }
  // next-auth's own test for a JSON body (next-auth/next/utils.js getBody).
  if (request.method === 'POST' && request.headers.get('content-type')?.includes('application/json')) {
    try {
      JSON.parse(await request.clone().text())
    } catch {
      return Response.json(notJson, { status: 400 })
    }
  }
  for (const name of callbackCookies) {
    const value = request.cookies.get(name)?.value
    if (value === undefined || nextAuthCanParse(value)) continue
    const secure = name.startsWith('__Secure-') ? '; Secure' : ''
    return Response.json(badCallbackCookie, { status: 400, headers: { 'Set-Cookie': `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}` } })
  }
  return null
}

/** `request`, or a copy whose `callbackUrl` query parameter next-auth can parse. */
export function withParseableCallbackQuery(request: NextRequest): NextRequest {
  // next-auth reads the last of repeated parameters: every one must parse.
  if (request.nextUrl.searchParams.getAll('callbackUrl').every(nextAuthCanParse)) return request
  const url = new URL(request.url)
  url.searchParams.set('callbackUrl', '/')
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
  // `duplex` is required by Node's fetch for a streamed body, and missing from TypeScript's RequestInit.
  const init = { method: request.method, headers: request.headers, body: hasBody ? request.body : null, duplex: 'half' }
  return new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1])
}
