import 'server-only'

const reasons: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening there',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve',
  ETIMEDOUT: 'the connection timed out',
  CONNECT_TIMEOUT: 'the connection timed out',
  ECONNRESET: 'the server closed the connection',
  '28P01': 'the password was rejected',
  '28000': 'the server refused this user',
  '3D000': 'the database does not exist',
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { code, errors } = error as { code?: unknown; errors?: unknown }
  if (typeof code === 'string') return code
  // Node reports a failed dual-stack connect as an AggregateError of both attempts.
  if (Array.isArray(errors) && errors.length > 0) return errorCode(errors[0])
  return undefined
}

/** One sentence for an operator: where the database is and why it cannot be used. */
export function explainDatabaseError(error: unknown, location: string): string {
  const code = errorCode(error)
  const reason =
    (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error))
  return `Cannot use the database: ${location}: ${reason}${code ? ` (${code})` : ''}.`
}

// Errors that mean "the database cannot be reached right now", as opposed to a
// bug in a query: network failures, postgres.js connection states, SQLSTATE
// class 08 (connection exception), server shutting down or full.
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '3D000',
  '28P01',
  '28000',
])

/** True when `error` (or what it wraps, e.g. a DrizzleQueryError) says the database is unreachable. */
export function isDatabaseUnavailableError(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = errorCode(current)
    if (code && (unavailableCodes.has(code) || code.startsWith('08'))) return true
    current = typeof current === 'object' && current !== null && 'cause' in current ? current.cause : undefined
  }
  return false
}
