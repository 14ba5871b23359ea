import fs from 'node:fs'
import { openDatabase } from '@/db/connection'
import { dumpDatabase } from '@/db/backup'
import { explainDatabaseError } from '@/db/errors'
import { log } from './lib/log'
import { targetFor } from './lib/prepare-database'
import { validateEnvironment } from './lib/runtime-env'

// `npm run db:backup -- [file]`: writes a portable SQL backup (default: a dated file in the current folder).
const file = process.argv[2] ?? `backup-${new Date().toISOString().replace(/[:.]/g, '-')}.sql`
const env = validateEnvironment()
const handle = openDatabase(targetFor(env), { poolSize: 1 })
try {
  fs.writeFileSync(file, await dumpDatabase(handle))
  log.info(`Backup written to ${file}.`)
} catch (error) {
  log.error(explainDatabaseError(error, handle.location))
  process.exitCode = 1
} finally {
  await handle.close()
}
