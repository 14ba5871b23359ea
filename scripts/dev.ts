import { runUntilExit, spawnNext } from './lib/next-cli'
import { prepareDatabase } from './lib/prepare-database'
import { prepareEnvironment } from './lib/runtime-env'

// `npm run dev`: the same preparation as `npm start`, then the development server.
const { env, childEnv } = prepareEnvironment()
await prepareDatabase(env)
await runUntilExit(spawnNext(['dev', '--port', String(env.PORT)], childEnv))
