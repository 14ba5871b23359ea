import { openDatabase, describeTarget, type DatabaseTarget } from '@/db/connection'
import { explainDatabaseError } from '@/db/errors'
import { migrateDatabase } from '@/db/migrate'
import type { Env } from '@/lib/env/schema'
import { log } from './log'

export function targetFor(env: Env): DatabaseTarget {
  return env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: env.PGLITE_DIR }
}

/** Connects once and applies migrations; on failure prints one line and exits. */
export async function prepareDatabase(env: Env): Promise<void> {
  const target = targetFor(env)
  const location = describeTarget(target)
  let handle
  try {
    handle = openDatabase(target, { poolSize: 1 })
    await handle.query('select 1')
    await migrateDatabase(handle)
    log.info(`Database ready: ${location}, migrations applied.`)
  } catch (error) {
    log.error(explainDatabaseError(error, location))
    await handle?.close().catch(() => {})
    process.exit(1)
  }
  await handle.close()
}
