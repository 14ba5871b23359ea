import { isDatabaseUnavailableError } from '@/db/errors'
import { COMMENTS_UNAVAILABLE_MESSAGE } from '@/lib/comments/limits'
import { logger, REQUEST_ID_HEADER } from '@/lib/log/logger'

/**
 * The comment routes' answer when the database cannot be reached: 503 with a
 * message the section shows in place of the list (the article itself is
 * static and unaffected), and one log line with the request id. Any other
 * error is rethrown: it is a bug, and reaches onRequestError.
 */
export function commentsUnavailable(request: Request, error: unknown, headers: HeadersInit): Response {
  if (!isDatabaseUnavailableError(error)) throw error
  logger.error('comments unavailable: database cannot be reached', {
    requestId: request.headers.get(REQUEST_ID_HEADER) ?? undefined,
    path: new URL(request.url).pathname,
    error: error instanceof Error ? error.message : String(error),
  })
  return Response.json({ error: COMMENTS_UNAVAILABLE_MESSAGE }, { status: 503, headers })
}
