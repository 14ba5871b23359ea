import { format } from 'node:util'
import { env } from '@/lib/env'

/**
 * Server logs are one JSON object per line on stdout/stderr, so a log shipper
 * (journald, Docker, Loki…) can index fields like requestId without parsing.
 *
 * Fields often carry what a request sent (a path, a code posted to
 * /api/auth/_log, a database error quoting a parameter). None of it may start a
 * line of its own or hide the text around it: JSON.stringify escapes C0
 * controls (CR, LF, ESC…), and `formatLogLine` escapes what it leaves raw.
 */
type Level = 'debug' | 'info' | 'warn' | 'error'
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }

// DEL and C1 controls (NEL U+0085 breaks lines in some viewers, CSI U+009B starts
// terminal escape sequences), the Unicode line and paragraph separators, and the
// bidirectional marks and overrides that reorder what a terminal shows.
const LEFT_RAW_BY_JSON = /[\u007F-\u009F\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069]/g

/** One log entry as one line of JSON with no character that could end or disguise the line. */
export function formatLogLine(entry: Record<string, unknown>): string {
  return JSON.stringify(entry).replace(LEFT_RAW_BY_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function write(level: Level, message: string, fields: Record<string, unknown>) {
  if (order[level] < order[env.LOG_LEVEL]) return
  const line = formatLogLine({ time: new Date().toISOString(), level, message, ...fields })
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`)
  else process.stdout.write(`${line}\n`)
}

export const logger = {
  debug: (message: string, fields: Record<string, unknown> = {}) => write('debug', message, fields),
  info: (message: string, fields: Record<string, unknown> = {}) => write('info', message, fields),
  warn: (message: string, fields: Record<string, unknown> = {}) => write('warn', message, fields),
  error: (message: string, fields: Record<string, unknown> = {}) => write('error', message, fields),
}

/**
 * Next.js also prints failed requests itself (`⨯ Error: …` and the stack), and
 * libraries warn through the console; their text can quote what a request sent
 * (a database error lists the query's parameters). With this, each
 * console.error and console.warn call becomes one line like every other, so
 * such text cannot start a line of its own either. instrumentation.ts installs
 * it in production; development keeps Next.js's readable output.
 */
export function routeConsoleToLogger(): void {
  console.error = (...args: unknown[]) => write('error', 'console.error', { text: format(...args) })
  console.warn = (...args: unknown[]) => write('warn', 'console.warn', { text: format(...args) })
}

export const REQUEST_ID_HEADER = 'x-request-id'
