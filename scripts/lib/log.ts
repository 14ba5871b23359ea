// Operator-facing output of the command-line scripts: one line per event, prefixed
// so it stands out among Next.js's own lines.
const prefix = '[site]'

export const log = {
  info: (message: string) => console.log(`${prefix} ${message}`),
  warn: (message: string) => console.warn(`${prefix} ${message}`),
  error: (message: string) => console.error(`${prefix} ${message}`),
}
