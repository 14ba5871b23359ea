/**
 * What proxy.ts refuses before Next.js reads a server action: every POST that
 * names an action (the `Next-Action` header) passes through it, whatever path
 * it is sent to.
 *
 * - Another site's page making a browser post (CSRF): Next.js compares
 *   `Origin` with `X-Forwarded-Host` or `Host` and aborts the action, but
 *   answers with a 500 and an error log line. The same comparison here answers
 *   403. Requests without an Origin pass, as in Next.js: browsers always send
 *   one with a POST, so a request without it carries no victim's cookies.
 * - Bodies over the limit: next.config.mjs gives Next.js the same limit as
 *   `experimental.serverActions.bodySizeLimit` (it cannot import TypeScript; a
 *   unit test compares the two). Next.js enforces it while reading, again with
 *   a 500 (its own TODO in action-handler.js); here a Content-Length over it
 *   gets a 413, and a body without a length (chunked) a 411, since browsers
 *   always send the length of a form. The largest legitimate form is a
 *   5,000-character message or comment: at most 20 KB of UTF-8.
 */
export const SERVER_ACTION_BODY_LIMIT = '64kb'
export const SERVER_ACTION_BODY_LIMIT_BYTES = 64 * 1024

/** The header Next.js (and React) use to name the server action a POST calls. */
export const SERVER_ACTION_HEADER = 'next-action'

export interface ServerActionRefusal {
  status: 403 | 411 | 413
  reason: string
}

/** The host an Origin header names ('null' for opaque origins), or undefined when it is not a URL. */
function originHost(origin: string): string | undefined {
  if (origin === 'null') return 'null'
  try {
    return new URL(origin).host
  } catch {
    return undefined
  }
}

/** Whether the request's Origin is one of the hosts it was sent to, as Next.js decides it. */
function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get('origin')
  if (origin === null) return true
  const host = originHost(origin)
  const forwardedHost = headers.get('x-forwarded-host')?.split(',')[0]?.trim()
  return host !== undefined && (host === forwardedHost || host === headers.get('host'))
}

/** Why to refuse a server-action request before Next.js reads it, or null to let it through. */
export function serverActionRefusal(method: string, headers: Headers): ServerActionRefusal | null {
  if (method !== 'POST' || !headers.has(SERVER_ACTION_HEADER)) return null
  if (!isSameOrigin(headers)) return { status: 403, reason: '不接受来自其他网站的提交' }
  const length = headers.get('content-length')
  if (length === null || !/^\d+$/.test(length)) return { status: 411, reason: '请求缺少 Content-Length' }
  if (Number(length) > SERVER_ACTION_BODY_LIMIT_BYTES) return { status: 413, reason: `请求内容超过 ${SERVER_ACTION_BODY_LIMIT}` }
  return null
}
