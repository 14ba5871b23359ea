import 'server-only'
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'
import { getAuthSecret } from '@/lib/auth/auth-secret'

/**
 * The cryptography of mail: single-use link tokens (only their hash is
 * stored), sealed outbox bodies and signed unsubscribe links. Every key is
 * derived from AUTH_SECRET, which every instance shares, so a link made by one
 * instance works on the other and a message queued by one is sent by the other.
 */

function derivedKey(purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', getAuthSecret(), 'kexue-blog mail', purpose, 32))
}

/** A new token for a link: 256 random bits, URL-safe. */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url')
}

/** What the database keeps of a token: a stolen row does not open the link. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/**
 * AES-256-GCM over an outbox body. A pending message may hold a verification
 * or reset link, and "stored hashed" would mean little if the link sat in
 * plain text beside the hash.
 */
export function sealMailPayload(plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', derivedKey('outbox payload'), iv)
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`
}

/** The plain payload, or null when it was sealed under another secret or altered. */
export function openMailPayload(sealed: string): string | null {
  if (!sealed.startsWith('v1.')) return null
  const raw = Buffer.from(sealed.slice(3), 'base64')
  if (raw.length < 28) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', derivedKey('outbox payload'), raw.subarray(0, 12))
    decipher.setAuthTag(raw.subarray(12, 28))
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}

export type NotificationTopic = 'replies' | 'feedback'
const topics: readonly NotificationTopic[] = ['replies', 'feedback']

function unsubscribeSignature(userId: string, topic: NotificationTopic): string {
  return createHmac('sha256', derivedKey('unsubscribe')).update(`${userId}:${topic}`).digest('base64url')
}

/**
 * `<member id>.<topic>.<signature>`: enough to turn one switch off without
 * signing in, and nothing else. It does not expire; an old mail's link still
 * works, as mail clients expect of List-Unsubscribe.
 */
export function unsubscribeToken(userId: string, topic: NotificationTopic): string {
  return `${userId}.${topic}.${unsubscribeSignature(userId, topic)}`
}

export function readUnsubscribeToken(token: string): { userId: string; topic: NotificationTopic } | null {
  const [userId, topic, signature, ...rest] = token.split('.')
  if (!userId || !topic || !signature || rest.length > 0) return null
  if (!/^[0-9a-f-]{36}$/.test(userId) || !(topics as readonly string[]).includes(topic)) return null
  const expected = Buffer.from(unsubscribeSignature(userId, topic as NotificationTopic))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  return { userId, topic: topic as NotificationTopic }
}
