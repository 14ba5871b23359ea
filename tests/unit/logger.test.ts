import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatLogLine, logger, routeConsoleToLogger } from '@/lib/log/logger'

// Everything that could end a line, start an escape sequence or reorder text in a file, terminal or log viewer.
const hostile = [
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)),
  '\u007f',
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(0x80 + code)),
  '\u2028',
  '\u2029',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
]
const RAW = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/

describe('log lines', () => {
  const { error, warn } = console
  afterEach(() => {
    vi.restoreAllMocks()
    Object.assign(console, { error, warn })
  })

  it.each(hostile.map((character) => [character.codePointAt(0)!.toString(16).padStart(4, '0'), character]))(
    'escapes U+%s in any field, and keeps the text as sent',
    (_, character) => {
      const entry = { message: `before${character}after`, path: `/a${character}{"level":"error"}`, nested: { code: character } }
      const line = formatLogLine(entry)
      expect(line).not.toMatch(RAW)
      expect(JSON.parse(line)).toEqual(entry)
    },
  )

  it('writes one line per entry, errors to stderr', () => {
    const written: string[] = []
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk))
      return true
    })
    logger.error('request failed', { path: '/x\r\n{"level":"error","message":"forged"}\u2028\u0085' })
    expect(written).toHaveLength(1)
    expect(written[0]!.endsWith('\n')).toBe(true)
    expect(written[0]!.slice(0, -1)).not.toMatch(RAW)
    expect(JSON.parse(written[0]!)).toMatchObject({ level: 'error', message: 'request failed', path: '/x\r\n{"level":"error","message":"forged"}\u2028\u0085' })
  })

  it('turns what Next.js prints with console.error and console.warn into one escaped line per call', () => {
    const written: string[] = []
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk))
      return true
    })
    routeConsoleToLogger()
    const failure = new Error('Failed query: select 1\nparams: a\r\n{"level":"error","message":"forged"}\u2028')
    console.error('⨯', failure)
    console.warn('Missing `origin` header\n')
    expect(written).toHaveLength(2)
    for (const line of written) expect(line.slice(0, -1)).not.toMatch(RAW)
    const [logged, warned] = written.map((line) => JSON.parse(line) as { level: string; text: string })
    expect(logged).toMatchObject({ level: 'error', message: 'console.error' })
    expect(logged!.text).toContain('⨯ Error: Failed query: select 1\nparams: a\r\n{"level":"error","message":"forged"}\u2028')
    expect(warned).toMatchObject({ level: 'warn', message: 'console.warn', text: 'Missing `origin` header\n' })
  })
})
