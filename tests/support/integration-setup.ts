import { afterAll, inject } from 'vitest'
import { createTestDatabase } from './test-database'

// Runs before each integration test file is imported: the application's `env`
// and `db` modules then see this file's own fresh database.
const database = await createTestDatabase({
  baseUrl: inject('baseDatabaseUrl') || undefined,
  inMemory: true,
  label: 'vitest',
})
delete process.env.DATABASE_URL
Object.assign(process.env, database.env)

const { getDatabaseHandle, closeDatabase } = await import('@/db')
const { migrateDatabase } = await import('@/db/migrate')
await migrateDatabase(getDatabaseHandle())

afterAll(async () => {
  await closeDatabase()
  await database.dispose()
})
