import 'server-only'
import { env } from '@/lib/env'
import { openDatabase, type Database, type DatabaseHandle, type DatabaseTarget } from './connection'

export type { Database } from './connection'

export function databaseTargetFromEnv(): DatabaseTarget {
  return env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: env.PGLITE_DIR }
}

// Kept on globalThis so that hot reloads in development reuse one client:
// two PGlite instances on one directory in one process would corrupt it.
const globalForDb = globalThis as unknown as { databaseHandle?: DatabaseHandle }

export function getDatabaseHandle(): DatabaseHandle {
  globalForDb.databaseHandle ??= openDatabase(databaseTargetFromEnv())
  return globalForDb.databaseHandle
}

/**
 * The application's database. Opened on first use, so importing this module
 * (as every page module does during `next build`) never connects.
 */
export const db: Database = new Proxy({} as Database, {
  get(_target, property) {
    const instance = getDatabaseHandle().db
    const value: unknown = Reflect.get(instance, property)
    return typeof value === 'function' ? value.bind(instance) : value
  },
})

/**
 * Points `db` at another database and returns the handle it used before:
 * for benchmarks that run the same code on PGlite and PostgreSQL in one
 * process. The caller closes what it opened.
 */
export function swapDatabaseHandle(handle: DatabaseHandle | undefined): DatabaseHandle | undefined {
  const previous = globalForDb.databaseHandle
  globalForDb.databaseHandle = handle
  return previous
}

export async function closeDatabase(): Promise<void> {
  const handle = globalForDb.databaseHandle
  globalForDb.databaseHandle = undefined
  await handle?.close()
}
