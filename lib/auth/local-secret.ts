import 'server-only'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * A zero-configuration install still needs a stable secret to sign sessions;
 * it is generated once and kept beside the embedded database.
 */
export function readOrCreateLocalSecret(dataDir: string): { secret: string; created: boolean; file: string } {
  const file = path.join(dataDir, 'auth-secret')
  try {
    const secret = fs.readFileSync(file, 'utf8').trim()
    if (secret.length >= 32) return { secret, created: false, file }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  fs.mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  return { secret, created: true, file }
}
