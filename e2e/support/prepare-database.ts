import { pathToFileURL } from 'node:url'
import { openDatabase, type DatabaseTarget } from '@/db/connection'
import { migrateDatabase } from '@/db/migrate'
import { users } from '@/db/schema'
import { hashPassword } from '@/lib/auth/password-hash'
import { memberPool, testUsers } from './users'

/**
 * Migrates a test database and adds the fixed test users and the pool of
 * members (e2e/support/users.ts), all with verified addresses: tests that are
 * not about verification start from members who may comment.
 */
export async function prepareE2eDatabase(target: DatabaseTarget): Promise<void> {
  const handle = openDatabase(target, { poolSize: 1 })
  try {
    await migrateDatabase(handle)
    for (const user of Object.values(testUsers)) {
      await handle.db
        .insert(users)
        .values({
          email: user.email,
          name: user.name,
          role: user.role,
          passwordHash: await hashPassword(user.password),
          disabledAt: user.disabled ? new Date() : null,
          emailVerifiedAt: new Date(),
        })
        .onConflictDoNothing()
    }
    // One hash for the whole pool: Argon2id takes a while, and each member only needs to sign in.
    const poolHash = await hashPassword(memberPool.password)
    await handle.db
      .insert(users)
      .values(
        Array.from({ length: memberPool.size }, (_, index) => ({
          id: memberPool.id(index),
          email: memberPool.email(index),
          name: memberPool.name(index),
          passwordHash: poolHash,
          emailVerifiedAt: new Date(),
        })),
      )
      .onConflictDoNothing()
  } finally {
    await handle.close()
  }
}

// `tsx --conditions=react-server e2e/support/prepare-database.ts <postgres url | PGlite directory>`:
// for specs that start servers of their own on another database.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = process.argv[2]
  if (!target) throw new Error('usage: prepare-database.ts <postgres url | PGlite directory>')
  await prepareE2eDatabase(/^postgres(ql)?:/.test(target) ? { kind: 'postgres', url: target } : { kind: 'pglite', dataDir: target })
}
