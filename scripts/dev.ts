import { buildCatalog } from '@/lib/content/build/build-catalog.server'
import { watchContent } from '@/lib/content/build/watch-content.server'
import { formatProblem } from '@/lib/content/problems'
import { log } from './lib/log'
import { runUntilExit, spawnNext } from './lib/next-cli'
import { prepareDatabase } from './lib/prepare-database'
import { prepareEnvironment } from './lib/runtime-env'

// `npm run dev`: the same preparation as `npm start`, the development catalog
// (drafts included), kept current while articles are edited, then the
// development server. Problems in articles are listed here and shown on their
// page in the browser's error overlay; they do not stop the server.
const { env, childEnv } = prepareEnvironment()
await prepareDatabase(env)
const first = await buildCatalog({ mode: 'development' })
log.info(`Content catalog (development): ${first.articles} article(s), ${first.compiled} compiled, in ${Math.round(first.milliseconds)} ms.`)
for (const problem of first.problems) log.warn(`  ${formatProblem(problem)}`)
const stopWatching = watchContent({ log: (line) => log.info(line) })
process.on('exit', stopWatching)
await runUntilExit(spawnNext(['dev', '--port', String(env.PORT)], childEnv))
