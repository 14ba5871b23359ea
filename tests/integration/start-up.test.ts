import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx')

function runScript(script: string, env: Record<string, string>) {
  const clean = { ...process.env }
  delete clean.DATABASE_URL
  delete clean.PGLITE_DIR
  return spawnSync(tsx, ['--conditions=react-server', script], {
    env: { ...clean, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

describe('start-up', () => {
  it('stops with one line naming the host when DATABASE_URL is unreachable', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-startup-'))
    const result = runScript('scripts/db-migrate.ts', {
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
    })
    expect(result.status).toBe(1)
    expect(result.stderr.trim()).toBe(
      '[site] Cannot use the database: PostgreSQL at 127.0.0.1:1/nowhere: nothing is listening there (ECONNREFUSED).',
    )
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('refuses production with PostgreSQL but no secret or site URL, naming both', () => {
    const result = runScript('scripts/db-migrate.ts', {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('AUTH_SECRET: required in production')
    expect(result.stderr).toContain('SITE_URL: required in production')
  })

  it('migrates an empty PGlite directory and generates a local secret once', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-startup-'))
    const first = runScript('scripts/db-migrate.ts', { DATA_DIR: dataDir })
    expect(first.status).toBe(0)
    expect(first.stdout).toContain('Database ready: PGlite')
    const secret = fs.readFileSync(path.join(dataDir, 'auth-secret'), 'utf8')
    expect(secret.trim().length).toBeGreaterThanOrEqual(32)

    const second = runScript('scripts/db-migrate.ts', { DATA_DIR: dataDir })
    expect(second.status).toBe(0)
    expect(fs.readFileSync(path.join(dataDir, 'auth-secret'), 'utf8')).toBe(secret)
    fs.rmSync(dataDir, { recursive: true, force: true })
  })
})
