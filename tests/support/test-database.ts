import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import type { DatabaseTarget } from '@/db/connection'

/**
 * Every test run gets a database of its own, so runs never see each other's rows
 * and never touch `.data/`: a temporary PGlite directory (or memory), or a new
 * database created next to the one DATABASE_URL names.
 */
export interface TestDatabase {
  target: DatabaseTarget
  /** Environment variables that point the application at this database. */
  env: Record<string, string>
  dispose(): Promise<void>
}

export async function createTestDatabase(
  options: { baseUrl?: string; inMemory?: boolean; label?: string } = {},
): Promise<TestDatabase> {
  const suffix = `${options.label ?? 't'}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  if (options.baseUrl) {
    const base = new URL(options.baseUrl)
    const name = `${base.pathname.slice(1) || 'postgres'}_${suffix}`.toLowerCase()
    const admin = postgres(options.baseUrl, { max: 1, onnotice: () => {} })
    try {
      await admin.unsafe(`create database "${name}"`)
    } finally {
      await admin.end()
    }
    const url = new URL(options.baseUrl)
    url.pathname = `/${name}`
    return {
      target: { kind: 'postgres', url: url.toString() },
      env: { DATABASE_URL: url.toString() },
      async dispose() {
        const cleanup = postgres(options.baseUrl!, { max: 1, onnotice: () => {} })
        try {
          await cleanup.unsafe(`drop database if exists "${name}" with (force)`)
        } finally {
          await cleanup.end()
        }
      },
    }
  }
  if (options.inMemory) {
    return { target: { kind: 'pglite', dataDir: 'memory://' }, env: { PGLITE_DIR: 'memory://' }, dispose: async () => {} }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `blog-${suffix}-`))
  const dataDir = path.join(dir, 'pglite')
  return {
    target: { kind: 'pglite', dataDir },
    env: { DATA_DIR: dir, PGLITE_DIR: dataDir },
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}
