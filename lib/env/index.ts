import 'server-only'
import { parseEnv } from './schema'

// The only read of process.env in the application; everything else imports `env`.
export const env = parseEnv(process.env)

export type { Env } from './schema'
