import { ensureFreshBuild, runUntilExit, spawnNext } from './lib/next-cli'
import { prepareDatabase } from './lib/prepare-database'
import { prepareEnvironment } from './lib/runtime-env'

// `npm start`: validate the environment, migrate (failing fast when the database
// is unreachable), build if needed, serve.
const { env, childEnv } = prepareEnvironment()
await prepareDatabase(env)
await ensureFreshBuild(childEnv)
await runUntilExit(spawnNext(['start', '--port', String(env.PORT)], childEnv))
