import { spawn } from 'node:child_process'
import { expect, test } from '@playwright/test'

test('the health endpoint reports a working database', async ({ request }) => {
  const response = await request.get('/api/health')
  expect(response.status()).toBe(200)
  expect(await response.json()).toEqual({ status: 'ok', db: 'ok' })
})

test('with the database unreachable, health is 503 and static pages still serve', async () => {
  const port = Number(process.env.E2E_PORT ?? 3100) + 99
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '--port', String(port)], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unreachable',
      AUTH_SECRET: 'x'.repeat(32),
      SITE_URL: 'http://localhost:3000',
    },
    stdio: 'ignore',
  })
  try {
    const base = `http://127.0.0.1:${port}`
    await expect
      .poll(() => fetch(`${base}/api/health`).then((r) => r.status, () => 0), { timeout: 20_000 })
      .toBe(503)
    const health = await fetch(`${base}/api/health`)
    expect(await health.json()).toEqual({ status: 'degraded', db: 'down' })
    const home = await fetch(`${base}/`)
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('格物志')
  } finally {
    server.kill('SIGTERM')
  }
})
