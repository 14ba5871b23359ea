import { log } from './lib/log'
import { validateEnvironment } from './lib/runtime-env'

// `npm run user:role -- <email> <member|editor|admin>`
// Validate first: the modules below read the environment as they load.
validateEnvironment()
const { closeDatabase } = await import('@/db')
const { runUserRoleCommand } = await import('./lib/user-role-command')
const result = await runUserRoleCommand(process.argv.slice(2))
for (const line of result.out) log.info(line)
for (const line of result.err) log.error(line)
await closeDatabase()
process.exit(result.code)
