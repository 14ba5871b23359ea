import { eq, like, sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { db } from '@/db'
import { rateLimitEvents } from '@/db/schema'
import {
  consumeRateLimit,
  deleteExpiredRateLimitEvents,
  peekRateLimit,
  rateLimitKey,
  refundRateLimit,
} from '@/lib/rate-limit/rate-limit'
import type { RateLimitRule } from '@/lib/rate-limit/rules'
import { postgresForConcurrency } from '@/tests/support/concurrency-database'

const fivePerMinute: RateLimitRule = { name: 'it-five', windows: [{ limit: 5, seconds: 60 }] }

async function eventCount(rule: RateLimitRule, subject: string): Promise<number> {
  const rows = await db.select({ id: rateLimitEvents.id }).from(rateLimitEvents).where(eq(rateLimitEvents.key, rateLimitKey(rule, subject)))
  return rows.length
}

async function insertPastEvent(rule: RateLimitRule, subject: string, secondsAgo: number) {
  await db.insert(rateLimitEvents).values({
    key: rateLimitKey(rule, subject),
    occurredAt: sql`now() - (${secondsAgo}::integer * interval '1 second')`,
  })
}

describe('rate limits in the database', () => {
  it('allows exactly the limit, then refuses with the time until a slot frees', async () => {
    const decisions = []
    for (let i = 0; i < 6; i++) decisions.push(await consumeRateLimit(fivePerMinute, 'sequential'))
    expect(decisions.slice(0, 5)).toEqual(Array(5).fill({ allowed: true }))
    const refused = decisions[5]
    expect(refused?.allowed).toBe(false)
    if (refused?.allowed === false) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(50)
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60)
    }
    // A refused attempt records nothing, so hammering does not extend the wait.
    expect(await eventCount(fivePerMinute, 'sequential')).toBe(5)
  })

  it('peeks without counting', async () => {
    expect(await peekRateLimit(fivePerMinute, 'peek')).toEqual({ allowed: true })
    expect(await eventCount(fivePerMinute, 'peek')).toBe(0)
    for (let i = 0; i < 5; i++) await consumeRateLimit(fivePerMinute, 'peek')
    expect(await peekRateLimit(fivePerMinute, 'peek')).toMatchObject({ allowed: false })
    expect(await eventCount(fivePerMinute, 'peek')).toBe(5)
  })

  it('counts each subject on its own', async () => {
    for (let i = 0; i < 5; i++) await consumeRateLimit(fivePerMinute, 'subject-a')
    expect(await consumeRateLimit(fivePerMinute, 'subject-a')).toMatchObject({ allowed: false })
    expect(await consumeRateLimit(fivePerMinute, 'subject-b')).toEqual({ allowed: true })
  })

  it('does not let a repeat through when the first request was refused', async () => {
    const onePerMinute: RateLimitRule = { name: 'it-one-refused', windows: [{ limit: 1, seconds: 60 }] }
    expect(await consumeRateLimit(onePerMinute, 'busy')).toEqual({ allowed: true })
    expect((await consumeRateLimit(onePerMinute, 'busy', 'late-form')).allowed).toBe(false)
    expect((await consumeRateLimit(onePerMinute, 'busy', 'late-form')).allowed).toBe(false)
    expect(await eventCount(onePerMinute, 'busy')).toBe(1)
  })

  it('forgets events once they leave the window', async () => {
    for (let i = 0; i < 5; i++) await insertPastEvent(fivePerMinute, 'aged', 61 + i)
    expect(await consumeRateLimit(fivePerMinute, 'aged')).toEqual({ allowed: true })
  })

  it('makes a repeat offender wait for the longer window', async () => {
    const escalating: RateLimitRule = {
      name: 'it-escalating',
      windows: [
        { limit: 3, seconds: 15 * 60 },
        { limit: 6, seconds: 60 * 60 },
      ],
    }
    // Six failures 20 to 45 minutes ago: the 15-minute window is empty, the hour is full.
    for (const minutesAgo of [20, 25, 30, 35, 40, 45]) await insertPastEvent(escalating, 'offender', minutesAgo * 60)
    const decision = await consumeRateLimit(escalating, 'offender')
    expect(decision.allowed).toBe(false)
    if (!decision.allowed) {
      // The oldest of the six leaves the hour in 15 minutes.
      expect(decision.retryAfterSeconds).toBeGreaterThan(14 * 60)
      expect(decision.retryAfterSeconds).toBeLessThanOrEqual(15 * 60)
    }
  })

  it('refunds the newest event only', async () => {
    await insertPastEvent(fivePerMinute, 'refund', 30)
    await consumeRateLimit(fivePerMinute, 'refund')
    await refundRateLimit(fivePerMinute, 'refund')
    const rows = await db
      .select({ age: sql<number>`extract(epoch from now() - ${rateLimitEvents.occurredAt})`.mapWith(Number) })
      .from(rateLimitEvents)
      .where(eq(rateLimitEvents.key, rateLimitKey(fivePerMinute, 'refund')))
    expect(rows).toHaveLength(1)
    expect(rows[0]?.age).toBeGreaterThanOrEqual(29)
  })

  describe('cleaning up', () => {
    afterEach(() => {
      vi.restoreAllMocks()
    })

    async function drainExpired() {
      while ((await deleteExpiredRateLimitEvents()) > 0);
    }

    it('deletes at most 1,000 expired events at a time', async () => {
      await drainExpired()
      await db.insert(rateLimitEvents).values(
        Array.from({ length: 1001 }, (_, i) => ({ key: `it-batch:${i}`, occurredAt: sql`now() - interval '2 days'` })),
      )
      expect(await deleteExpiredRateLimitEvents()).toBe(1000)
      expect(await deleteExpiredRateLimitEvents()).toBe(1)
      expect(await deleteExpiredRateLimitEvents()).toBe(0)
    })

    it('cleans up on about one recorded event in fifty, without a scheduler', async () => {
      const rule: RateLimitRule = { name: 'it-sweep', windows: [{ limit: 100, seconds: 60 }] }
      await drainExpired()
      await insertPastEvent(rule, 'stale', 86_400 + 60)
      vi.spyOn(Math, 'random').mockReturnValue(0.02)
      await consumeRateLimit(rule, 'writer')
      expect(await eventCount(rule, 'stale')).toBe(1)
      vi.spyOn(Math, 'random').mockReturnValue(0.0199)
      await consumeRateLimit(rule, 'writer')
      expect(await eventCount(rule, 'stale')).toBe(0)
      expect(await eventCount(rule, 'writer')).toBe(2)
    })
  })

  it('cleans up events no rule looks at any more, and only those', async () => {
    const rule: RateLimitRule = { name: 'it-cleanup', windows: [{ limit: 1, seconds: 60 }] }
    // The longest window of any rule is a day.
    await insertPastEvent(rule, 'old', 86_400 + 60)
    await insertPastEvent(rule, 'recent', 10)
    expect(await deleteExpiredRateLimitEvents()).toBeGreaterThanOrEqual(1)
    const left = await db.select({ key: rateLimitEvents.key }).from(rateLimitEvents).where(like(rateLimitEvents.key, 'it-cleanup:%'))
    expect(left).toEqual([{ key: 'it-cleanup:recent' }])
  })
})

const racing = await postgresForConcurrency('the rate-limit race tests (tests/integration/rate-limit.test.ts)')

/**
 * Requests arriving at the same moment, on PostgreSQL (see
 * tests/support/concurrency-database.ts). Without the per-key lock in
 * consumeRateLimit, concurrent transactions all read "one slot left" and all
 * insert. To catch that whatever ran before, every connection of the pool is
 * opened first (a cold pool would serialise the first requests while it
 * connects), and the race is run on several fresh keys.
 */
describe.skipIf(!racing)(`rate limits under concurrent requests (PostgreSQL: ${racing?.description ?? 'not run'})`, () => {
  beforeAll(async () => {
    await racing!.setUp()
  })
  afterAll(async () => {
    await racing!.tearDown()
  })

  async function warmPool() {
    await Promise.all(Array.from({ length: 10 }, () => db.execute(sql`select pg_sleep(0.05)`)))
  }

  it('lets exactly the limit through when many requests arrive at once', async () => {
    await warmPool()
    for (let round = 1; round <= 4; round++) {
      const subject = `concurrent-${round}-${Date.now()}`
      const decisions = await Promise.all(Array.from({ length: 25 }, () => consumeRateLimit(fivePerMinute, subject)))
      expect(decisions.filter((decision) => decision.allowed), `round ${round}`).toHaveLength(5)
      expect(await eventCount(fivePerMinute, subject), `round ${round}`).toBe(5)
    }
  })

  it('counts a request repeated under one idempotency key once, even when the copies arrive together', async () => {
    await warmPool()
    const onePerMinute: RateLimitRule = { name: `it-one-${Date.now()}`, windows: [{ limit: 1, seconds: 60 }] }
    const copies = await Promise.all(Array.from({ length: 15 }, () => consumeRateLimit(onePerMinute, 'repeated', 'form-1')))
    expect(copies).toEqual(Array.from({ length: 15 }, () => ({ allowed: true })))
    expect(await eventCount(onePerMinute, 'repeated')).toBe(1)
    // A different request is counted as usual, and refused; so is one without a key.
    expect((await consumeRateLimit(onePerMinute, 'repeated', 'form-2')).allowed).toBe(false)
    expect((await consumeRateLimit(onePerMinute, 'repeated')).allowed).toBe(false)
    // The key is per subject: another member's form with the same key is a request of its own.
    expect(await consumeRateLimit(onePerMinute, 'someone-else', 'form-1')).toEqual({ allowed: true })
    expect(await consumeRateLimit(onePerMinute, 'someone-else', 'form-2')).toMatchObject({ allowed: false })
  })

})
