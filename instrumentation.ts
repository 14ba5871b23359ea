import type { Instrumentation } from 'next'

export async function register() {
  // Validate the environment when the server boots, not at the first request, so
  // a misconfigured deployment refuses to start and says which variable is wrong.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { env } = await import('@/lib/env')
    const { logger, routeConsoleToLogger } = await import('@/lib/log/logger')
    if (env.NODE_ENV === 'production') routeConsoleToLogger()
    // `next build` loads this file too; it must not open the database or send anything.
    if (process.env.NEXT_PHASE === 'phase-production-build') return
    if (env.NODE_ENV === 'production' && !env.SMTP_URL) {
      logger.warn('SMTP_URL is not set: mail is written to the outbox folder instead of being sent', {
        folder: `${env.DATA_DIR}/outbox`,
      })
    }
    const { startMailDelivery } = await import('@/lib/mail/delivery')
    startMailDelivery()
    // Comment renderers load and warm up now, not when the first comment is posted.
    const { startCommentRenderers } = await import('@/lib/comments/render-in-worker.server')
    startCommentRenderers()
  }
}

/** One JSON line per failed request, carrying the request id the proxy assigned. */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { logger, REQUEST_ID_HEADER } = await import('@/lib/log/logger')
  const header = request.headers[REQUEST_ID_HEADER]
  const failure = error instanceof Error ? error : new Error(String(error))
  logger.error('request failed', {
    requestId: Array.isArray(header) ? header[0] : header,
    method: request.method,
    path: request.path,
    route: context.routePath,
    routeType: context.routeType,
    error: failure.message,
    digest: (error as { digest?: string }).digest,
    stack: failure.stack?.split('\n').slice(0, 6).join('\n'),
  })
}
