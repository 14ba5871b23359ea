/**
 * What proxy.ts refuses before Next.js reads a server action. Next.js treats
 * two kinds of POST as possible actions, whatever path they are sent to: one
 * naming an action (the `Next-Action` header, sent by our forms' scripts),
 * and any multipart POST (a form sent without JavaScript, which Next.js
 * decodes to find out). Both pass through the proxy (see its matcher).
 *
 * - Another site's page making a browser post (CSRF): Next.js compares
 *   `Origin` with `X-Forwarded-Host` or `Host` and aborts the action, but
 *   answers with a 500 and an error log line. The same comparison here answers
 *   403. Requests without an Origin pass, as in Next.js: browsers always send
 *   one with a POST, so a request without it carries no victim's cookies.
 * - Bodies over the limit: next.config.mjs gives Next.js the same limit as
 *   `experimental.serverActions.bodySizeLimit` (it cannot import TypeScript; a
 *   unit test compares the two). Next.js enforces it while reading, again with
 *   a 500 (its own TODO in action-handler.js), or by dropping the connection
 *   under a large body; here a Content-Length over it gets a 413, and a body
 *   without a length (chunked) a 411, since browsers always send the length of
 *   a form. The largest legitimate form is a 5,000-character message or
 *   comment: at most 20 KB of UTF-8.
 * - Bodies Next.js cannot decode (it throws, a 500): every action of this site
 *   takes a form, so a request naming one must be multipart, and React puts
 *   the argument list, a JSON array, in the field named `0`; a multipart body
 *   must parse. Anything else gets a 400 that says which.
 */
export const SERVER_ACTION_BODY_LIMIT = '64kb'
export const SERVER_ACTION_BODY_LIMIT_BYTES = 64 * 1024

/** The header Next.js (and React) use to name the server action a POST calls. */
export const SERVER_ACTION_HEADER = 'next-action'

export interface ServerActionRefusal {
  status: 400 | 403 | 411 | 413
  reason: string
}

const notAForm: ServerActionRefusal = { status: 400, reason: '提交的内容不是表单' }
const unreadableForm: ServerActionRefusal = { status: 400, reason: '提交的表单无法解析' }

function isMultipart(headers: Headers): boolean {
  // Next.js's own test, case and all (server-action-request-meta.js).
  return headers.get('content-type')?.startsWith('multipart/form-data') ?? false
}

/** Whether Next.js would try to run this request as a server action. */
export function isPossibleServerAction(method: string, headers: Headers): boolean {
  return method === 'POST' && (headers.has(SERVER_ACTION_HEADER) || isMultipart(headers))
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

/** Why to refuse a possible server-action request from its headers alone, or null to look further. */
export function serverActionRefusal(method: string, headers: Headers): ServerActionRefusal | null {
  if (!isPossibleServerAction(method, headers)) return null
  if (!isSameOrigin(headers)) return { status: 403, reason: '不接受来自其他网站的提交' }
  const length = headers.get('content-length')
  if (length === null || !/^\d+$/.test(length)) return { status: 411, reason: '请求缺少 Content-Length' }
  if (Number(length) > SERVER_ACTION_BODY_LIMIT_BYTES) return { status: 413, reason: `请求内容超过 ${SERVER_ACTION_BODY_LIMIT}` }
  if (headers.has(SERVER_ACTION_HEADER) && !isMultipart(headers)) return notAForm
  return null
}

/**
 * Why to refuse a possible server-action request from its body, or null to let
 * it through. Only for requests `serverActionRefusal` let pass, so the body is
 * within the limit; reads `request`'s body.
 */
export async function serverActionBodyRefusal(request: Request): Promise<ServerActionRefusal | null> {
  if (!isPossibleServerAction(request.method, request.headers)) return null
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return unreadableForm
  }
  if (request.headers.has(SERVER_ACTION_HEADER) && !isArgumentList(form.get('0'))) return unreadableForm
  return null
}

function isArgumentList(value: FormDataEntryValue | null): boolean {
  if (typeof value !== 'string') return false
  try {
    return Array.isArray(JSON.parse(value))
  } catch {
    return false
  }
}
