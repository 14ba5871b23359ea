import { randomBytes } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { startAppServer, type AppServer } from './support/app-server'

/**
 * What a request makes the server log cannot forge log lines: every control
 * character a caller sends (CR, LF, other C0 and C1 controls, Unicode line and
 * paragraph separators) arrives escaped inside one JSON line. Runs a server of
 * its own (E2E_PORT + 31, on an in-memory database) to read its output.
 */

test.describe.configure({ mode: 'serial', timeout: 120_000 })

let app: AppServer

test.beforeAll(async () => {
  // Not + 30: email.spec.ts starts its production server there, and the two
  // specs run at the same time in different workers.
  const port = Number(process.env.E2E_PORT ?? 3100) + 31
  app = await startAppServer(port, { DATABASE_URL: '', PGLITE_DIR: 'memory://' })
})

test.afterAll(async () => {
  await app?.stop()
})

// Each could start a new line in a file, a terminal or a log viewer, or hide the text after it.
const separators = ['\n', '\r', '\r\n', '\u000b', '\u000c', '\u0085', '\u2028', '\u2029', '\u001b[2K\r', '\u0000', '\u007f', '\u009b', '\u202e']
const anyLineBreak = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/

test('reports posted to /api/auth/_log are logged one JSON line each, with the text as sent', async ({ playwright }) => {
  const client = await playwright.request.newContext({ baseURL: app.url })
  const marker = `log-probe-${randomBytes(4).toString('hex')}`
  const forgedLine = '{"level":"error","message":"forged"}'
  const sent = separators.map((separator, index) => ({
    level: index % 2 === 0 ? 'error' : 'warn',
    code: `${marker}-${index}${separator}${forgedLine}`,
    message: `message ${index}${separator}${forgedLine}`,
  }))
  for (const report of sent) {
    const response = await client.post('/api/auth/_log', { form: report })
    expect(response.status()).toBe(200)
  }
  await client.dispose()

  // The lines that mention the probe, split wherever any reader might break a line.
  const probeLines = () => app.output().split(anyLineBreak).filter((line) => line.includes(marker))
  await expect.poll(() => probeLines().length).toBe(sent.length)
  for (const line of probeLines()) {
    const entry = JSON.parse(line) as { code?: string }
    const report = sent.find((candidate) => candidate.code === entry.code)
    expect(report, line).toBeDefined()
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202e]/)
  }
  expect(app.output().split(anyLineBreak).filter((line) => line.startsWith(forgedLine))).toEqual([])
})
