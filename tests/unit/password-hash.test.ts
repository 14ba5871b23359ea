import { describe, expect, it } from 'vitest'
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '@/lib/auth/password-hash'

describe('password hashing', () => {
  it('uses Argon2id with 19 MiB, 2 iterations and parallelism 1', async () => {
    const hash = await hashPassword('a long passphrase for hashing')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    expect(needsRehash(hash)).toBe(false)
  })

  it('salts every hash and verifies only the right password', async () => {
    const [first, second] = await Promise.all([hashPassword('same passphrase'), hashPassword('same passphrase')])
    expect(first).not.toBe(second)
    expect(await verifyPassword(first, 'same passphrase')).toBe(true)
    expect(await verifyPassword(first, 'same passphrase ')).toBe(false)
  })

  it('says no, after the same work, when there is no hash, and no for a broken one', async () => {
    expect(await verifyPassword(null, 'anything at all')).toBe(false)
    expect(await verifyPassword(undefined, '')).toBe(false)
    expect(await verifyPassword('not a hash', 'anything')).toBe(false)
  })

  it('keeps the dummy hash on the current parameters, so unknown emails cost the same', () => {
    expect(needsRehash(dummyPasswordHash)).toBe(false)
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g')).toBe(true)
  })
})
