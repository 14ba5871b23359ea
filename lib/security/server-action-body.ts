/**
 * How large a server action's request may be. next.config.mjs passes the same
 * limit to Next.js as `experimental.serverActions.bodySizeLimit` (it cannot
 * import TypeScript; a unit test compares the two). The largest legitimate form
 * is a 5,000-character message or comment: at most 20 KB of UTF-8.
 *
 * Next.js enforces the limit while reading the body, but answers a fetch
 * action that breaks it with a 500 (its own TODO in action-handler.js). The
 * proxy refuses such requests first, from their Content-Length, with a 413; a
 * body without a length (chunked) is refused with a 411, since browsers always
 * send the length of a form.
 */
export const SERVER_ACTION_BODY_LIMIT = '64kb'
export const SERVER_ACTION_BODY_LIMIT_BYTES = 64 * 1024

/** The header Next.js (and React) use to name the server action a POST calls. */
export const SERVER_ACTION_HEADER = 'next-action'

/** The status to refuse a server-action request with before Next.js reads it, or null to let it through. */
export function serverActionBodyRefusal(method: string, headers: Headers): 411 | 413 | null {
  if (method !== 'POST' || !headers.has(SERVER_ACTION_HEADER)) return null
  const length = headers.get('content-length')
  if (length === null || !/^\d+$/.test(length)) return 411
  return Number(length) > SERVER_ACTION_BODY_LIMIT_BYTES ? 413 : null
}
