import 'server-only'
import { env } from '@/lib/env'
import { readOrCreateLocalSecret } from './local-secret'

let cached: string | undefined

/**
 * The key that encrypts session tokens. `npm start` and `npm run dev` pass one to
 * the server (AUTH_SECRET, or the generated local one); the fallback covers a bare
 * `next start` on a single machine. Read lazily so that `next build` writes nothing.
 */
export function getAuthSecret(): string {
  cached ??= env.AUTH_SECRET ?? readOrCreateLocalSecret(env.DATA_DIR).secret
  return cached
}
