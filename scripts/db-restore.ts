import fs from 'node:fs'
import { openDatabase } from '@/db/connection'
import { BackupError, restoreDatabase } from '@/db/backup'
import { explainDatabaseError } from '@/db/errors'
import { log } from './lib/log'
import { prepareDatabase, targetFor } from './lib/prepare-database'
import { validateEnvironment } from './lib/runtime-env'

// `npm run db:restore -- <file>`: migrates the configured database, then loads the backup into it (it must be empty).
const file = process.argv[2]
if (!file || !fs.existsSync(file)) {
  log.error(`Usage: npm run db:restore -- <backup.sql>${file ? ` (${file} does not exist)` : ''}`)
  process.exit(2)
}
const env = validateEnvironment()
await prepareDatabase(env)
const handle = openDatabase(targetFor(env), { poolSize: 1 })
try {
  await restoreDatabase(handle, fs.readFileSync(file, 'utf8'))
  log.info(`Restored ${file} into ${handle.location}.`)
} catch (error) {
  log.error(error instanceof BackupError ? error.message : explainDatabaseError(error, handle.location))
  process.exitCode = 1
} finally {
  await handle.close()
}
