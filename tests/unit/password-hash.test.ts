import { verify } from '@node-rs/argon2'
import { describe, expect, it, vi } from 'vitest'
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '@/lib/auth/password-hash'

// The real Argon2, watched: which hash each check runs against.
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@node-rs/argon2')>()
  return { ...actual, verify: vi.fn(actual.verify) }
})

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

  it('checks a missing hash against the dummy one, the password included, instead of answering at once', async () => {
    vi.mocked(verify).mockClear()
    expect(await verifyPassword(null, 'guess one')).toBe(false)
    expect(await verifyPassword(undefined, 'guess two')).toBe(false)
    expect(vi.mocked(verify).mock.calls.map(([hash, password]) => [hash, password])).toEqual([
      [dummyPasswordHash, 'guess one'],
      [dummyPasswordHash, 'guess two'],
    ])
    expect(dummyPasswordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
  })

  it('says no for a missing hash even when the password is the dummy hash’s own', async () => {
    // Whatever password the dummy hash was made from, no account without a hash opens with it.
    vi.mocked(verify).mockResolvedValueOnce(true)
    expect(await verifyPassword(null, 'the dummy password')).toBe(false)
    vi.mocked(verify).mockResolvedValueOnce(true)
    expect(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA', 'right')).toBe(true)
  })

  it('rehashes anything not made with exactly the current parameters', () => {
    for (const old of [
      '$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA',
      '$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA',
      '$argon2id$v=19$m=19457,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA',
      '$argon2id$v=19$m=19456,t=3,p=1$c2FsdHNhbHRzYWx0$aGFzaA',
      '$argon2id$v=19$m=19456,t=2,p=2$c2FsdHNhbHRzYWx0$aGFzaA',
      '$2b$12$abcdefghijklmnopqrstuu',
    ]) {
      expect(needsRehash(old), old).toBe(true)
    }
    expect(needsRehash('$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA')).toBe(false)
  })

  it('keeps the dummy hash on the current parameters, so unknown emails cost the same', () => {
    expect(needsRehash(dummyPasswordHash)).toBe(false)
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g')).toBe(true)
  })
})
