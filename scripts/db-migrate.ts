import { prepareDatabase } from './lib/prepare-database'
import { prepareEnvironment } from './lib/runtime-env'

// `npm run db:migrate`: apply pending migrations to the configured database.
const { env } = prepareEnvironment()
await prepareDatabase(env)
