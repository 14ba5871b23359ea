import postgres from 'postgres'
import { inject } from 'vitest'
import { getDatabaseHandle, swapDatabaseHandle } from '@/db'
import { openDatabase, type DatabaseHandle } from '@/db/connection'
import { migrateDatabase } from '@/db/migrate'
import { createTestDatabase, type TestDatabase } from './test-database'

/**
 * Where tests about concurrent requests run. PGlite executes one transaction
 * at a time, so on it a race cannot happen and a missing lock goes unnoticed:
 * these tests need PostgreSQL. They use the file's own database when
 * DATABASE_URL names a PostgreSQL server, and otherwise a throwaway database
 * on the machine's server, if one answers (TEST_POSTGRES_URL, by default the
 * local server that CI starts).
 */
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test'

export interface PostgresForConcurrency {
  /** Where the tests run, for the log. */
  description: string
  /** For beforeAll: creates and migrates the database if needed, and points `db` at it. */
  setUp(): Promise<void>
  /** For afterAll: points `db` back and drops what setUp created. */
  tearDown(): Promise<void>
}

async function answers(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} })
  try {
    await probe`select 1`
    return true
  } catch {
    return false
  } finally {
    await probe.end({ timeout: 1 })
  }
}

/** A PostgreSQL database for `what`, or null, with a line saying they did not run, when none answers. */
export async function postgresForConcurrency(what: string): Promise<PostgresForConcurrency | null> {
  if (inject('baseDatabaseUrl')) {
    return { description: 'the file’s own PostgreSQL database', setUp: async () => {}, tearDown: async () => {} }
  }
  const url = process.env.TEST_POSTGRES_URL || LOCAL_POSTGRES
  const shown = url.replace(/\/\/[^@/]*@/, '//…@')
  if (!(await answers(url))) {
    console.warn(
      `NOT RUN: ${what}. They need PostgreSQL (PGlite runs one transaction at a time, so no race can happen), ` +
        `and none answered at ${shown}. Set DATABASE_URL or TEST_POSTGRES_URL to run them.`,
    )
    return null
  }
  let database: TestDatabase | undefined
  let handle: DatabaseHandle | undefined
  let previous: DatabaseHandle | undefined
  return {
    description: `a throwaway database on ${shown}`,
    async setUp() {
      database = await createTestDatabase({ baseUrl: url, label: 'race' })
      handle = openDatabase(database.target)
      await migrateDatabase(handle)
      previous = getDatabaseHandle()
      swapDatabaseHandle(handle)
    },
    async tearDown() {
      if (previous) swapDatabaseHandle(previous)
      await handle?.close()
      await database?.dispose()
    },
  }
}
