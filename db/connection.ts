import 'server-only'
import { PGlite } from '@electric-sql/pglite'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { acquireDataDirectoryLock } from './pglite-lock'
import * as schema from './schema'

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string }

export interface DatabaseHandle {
  db: Database
  target: DatabaseTarget
  /** Human-readable location without credentials, for logs and error messages. */
  location: string
  /** Runs one raw statement and returns its rows, whichever driver is underneath. */
  query<Row = Record<string, unknown>>(text: string): Promise<Row[]>
  /** Runs a script of several statements (a backup being restored). */
  execScript(text: string): Promise<void>
  close(): Promise<void>
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return `PGlite (${target.dataDir})`
  const url = new URL(target.url)
  return `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}`
}

/**
 * Opens a client without touching the network or the disk beyond the PGlite lock:
 * the first query connects. That keeps `next build` from needing a database.
 */
export function openDatabase(
  target: DatabaseTarget,
  options: { poolSize?: number } = {},
): DatabaseHandle {
  const location = describeTarget(target)
  if (target.kind === 'postgres') {
    const client = postgres(target.url, {
      max: options.poolSize ?? 10,
      // Fail within seconds when the server is unreachable instead of postgres.js's 30 s,
      // so health checks and start-up report the problem promptly.
      connect_timeout: 5,
      idle_timeout: 30,
      onnotice: () => {},
    })
    return {
      db: drizzlePostgres(client, { schema }) as unknown as Database,
      target,
      location,
      query: async <Row,>(text: string) => (await client.unsafe(text)) as unknown as Row[],
      execScript: async (text: string) => {
        await client.unsafe(text).simple()
      },
      close: () => client.end({ timeout: 5 }),
    }
  }

  const inMemory = target.dataDir.startsWith('memory://')
  let releaseLock = () => {}
  if (!inMemory) {
    releaseLock = acquireDataDirectoryLock(target.dataDir)
  }
  try {
    const client = new PGlite(target.dataDir)
    return {
      db: drizzlePglite(client, { schema }) as unknown as Database,
      target,
      location,
      query: async <Row,>(text: string) => (await client.query<Row>(text)).rows,
      execScript: async (text: string) => {
        await client.exec(text)
      },
      close: async () => {
        await client.close()
        releaseLock()
      },
    }
  } catch (error) {
    releaseLock()
    throw error
  }
}
