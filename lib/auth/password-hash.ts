import 'server-only'
import { hash, verify } from '@node-rs/argon2'

/**
 * Argon2id with OWASP's minimum parameters: 19 MiB of memory, 2 iterations,
 * parallelism 1 (about 50 ms per hash on this project's machines).
 * Argon2id is the library's default algorithm; the PHC prefix below pins it.
 */
export const passwordHashOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

const currentPrefix = `$argon2id$v=19$m=${passwordHashOptions.memoryCost},t=${passwordHashOptions.timeCost},p=${passwordHashOptions.parallelism}$`

// A hash of a random password nobody knows, with the same parameters. Checking a
// sign-in for an unknown email against it costs as much as checking a real one,
// so the response time does not reveal whether the account exists.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$71ZbnuvjW0GK6aeNAfD8EQ$zdWbdDnbZw97pQ1e4LBzUj9LuhkcYd6nxgDwuQreXcM'

export function hashPassword(password: string): Promise<string> {
  return hash(password, passwordHashOptions)
}

/**
 * Checks `password` against a stored hash; with no hash (unknown email, or a
 * member who only signs in through GitHub) it does the same work and says no.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  try {
    const matches = await verify(storedHash ?? DUMMY_HASH, password)
    return matches && storedHash != null
  } catch {
    // A malformed stored hash is a wrong password, not a crash.
    return false
  }
}

/** True when a hash was made with other parameters and should be redone at the next sign-in. */
export function needsRehash(storedHash: string): boolean {
  return !storedHash.startsWith(currentPrefix)
}

export const dummyPasswordHash = DUMMY_HASH
