import 'server-only'
import path from 'node:path'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import { openDatabase, type DatabaseHandle } from './connection'

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations')

// Any constant works; it only has to be the same for every instance of this site.
const MIGRATION_LOCK_ID = 7_312_001

/**
 * Applies pending migrations. Several instances starting at once against one
 * PostgreSQL take turns through an advisory lock, so each migration runs once.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.target.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder })
    return
  }
  // Session-level advisory locks need one connection from lock to unlock.
  const session = openDatabase(handle.target, { poolSize: 1 })
  try {
    await session.query(`select pg_advisory_lock(${MIGRATION_LOCK_ID})`)
    await migratePostgres(session.db as unknown as PostgresJsDatabase, { migrationsFolder })
    await session.query(`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`)
  } finally {
    await session.close()
  }
}
