import { env } from '@/lib/env'

/**
 * Server logs are one JSON object per line on stdout/stderr, so a log shipper
 * (journald, Docker, Loki…) can index fields like requestId without parsing.
 */
type Level = 'debug' | 'info' | 'warn' | 'error'
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }

function write(level: Level, message: string, fields: Record<string, unknown>) {
  if (order[level] < order[env.LOG_LEVEL]) return
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`)
  else process.stdout.write(`${line}\n`)
}

export const logger = {
  debug: (message: string, fields: Record<string, unknown> = {}) => write('debug', message, fields),
  info: (message: string, fields: Record<string, unknown> = {}) => write('info', message, fields),
  warn: (message: string, fields: Record<string, unknown> = {}) => write('warn', message, fields),
  error: (message: string, fields: Record<string, unknown> = {}) => write('error', message, fields),
}

export const REQUEST_ID_HEADER = 'x-request-id'
