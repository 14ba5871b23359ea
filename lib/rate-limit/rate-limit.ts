import 'server-only'
import { and, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm'
import { db, type Database } from '@/db'
import { rateLimitEvents } from '@/db/schema'
import { longestRateLimitWindowSeconds, type RateLimitRule } from './rules'
import { decide, lookback, type RateLimitDecision } from './sliding-window'

export type { RateLimitDecision } from './sliding-window'

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

export function rateLimitKey(rule: RateLimitRule, subject: string): string {
  return `${rule.name}:${subject}`
}

// Ages are computed by the database clock, so instances with skewed clocks agree.
async function recentEventAges(database: Database | Transaction, rule: RateLimitRule, key: string): Promise<number[]> {
  const { events, seconds } = lookback(rule)
  const rows = await database
    .select({
      age: sql<number>`extract(epoch from (now() - ${rateLimitEvents.occurredAt}))`.mapWith(Number),
    })
    .from(rateLimitEvents)
    .where(
      and(
        eq(rateLimitEvents.key, key),
        gt(rateLimitEvents.occurredAt, sql`now() - (${seconds}::integer * interval '1 second')`),
      ),
    )
    .orderBy(desc(rateLimitEvents.occurredAt), desc(rateLimitEvents.id))
    .limit(events)
  return rows.map((row) => row.age)
}

// Serializes every decision about one key across connections and instances, so
// that N concurrent requests cannot all see "one slot left". The lock is released
// when the transaction ends.
async function lockKey(tx: Transaction, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`)
}

/** Would one more event under `subject` be allowed? Records nothing. */
export async function peekRateLimit(rule: RateLimitRule, subject: string): Promise<RateLimitDecision> {
  return decide(rule, await recentEventAges(db, rule, rateLimitKey(rule, subject)))
}

/** Where the first request of a repeated one (same idempotency key) leaves its mark. */
function repeatKey(key: string, repeatOf: string): string {
  return `${key}#${repeatOf}`
}

/**
 * Records one event under `subject` if the rule allows it, atomically: of N
 * concurrent calls with one slot left, exactly one is allowed. A refused call
 * records nothing, so hammering a limit does not extend it.
 *
 * `repeatOf` names the request an idempotent action may receive several times
 * (its idempotency key). The first one allowed leaves a mark under its own
 * key, in the same transaction; a repeat finds the mark and is allowed without
 * being counted, also while the first is still running. Repeats that arrive at
 * the same moment would otherwise all see the first one's event and be refused
 * as too frequent, instead of receiving its result.
 */
export async function consumeRateLimit(rule: RateLimitRule, subject: string, repeatOf?: string): Promise<RateLimitDecision> {
  const key = rateLimitKey(rule, subject)
  const decision = await db.transaction(async (tx): Promise<RateLimitDecision> => {
    await lockKey(tx, key)
    const mark = repeatOf === undefined ? undefined : repeatKey(key, repeatOf)
    if (mark !== undefined && (await recentEventAges(tx, rule, mark)).length > 0) return { allowed: true }
    const verdict = decide(rule, await recentEventAges(tx, rule, key))
    if (verdict.allowed) await tx.insert(rateLimitEvents).values(mark === undefined ? [{ key }] : [{ key }, { key: mark }])
    return verdict
  })
  // Cleaning on a small fraction of writes keeps the table short without a scheduler.
  if (Math.random() < CLEANUP_PROBABILITY) await deleteExpiredRateLimitEvents()
  return decision
}

/**
 * Takes back the newest event under `subject`: for limits on failures, an attempt
 * is consumed before the check (so concurrency cannot overshoot) and refunded
 * when it turns out to have succeeded.
 */
export async function refundRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  const key = rateLimitKey(rule, subject)
  await db.transaction(async (tx) => {
    await lockKey(tx, key)
    const newest = tx
      .select({ id: rateLimitEvents.id })
      .from(rateLimitEvents)
      .where(eq(rateLimitEvents.key, key))
      .orderBy(desc(rateLimitEvents.occurredAt), desc(rateLimitEvents.id))
      .limit(1)
    await tx.delete(rateLimitEvents).where(inArray(rateLimitEvents.id, newest))
  })
}

const CLEANUP_PROBABILITY = 0.02
const CLEANUP_BATCH = 1000

/** Deletes a batch of events too old to count for any rule; returns how many went. */
export async function deleteExpiredRateLimitEvents(): Promise<number> {
  const expired = db
    .select({ id: rateLimitEvents.id })
    .from(rateLimitEvents)
    .where(lt(rateLimitEvents.occurredAt, sql`now() - (${longestRateLimitWindowSeconds}::integer * interval '1 second')`))
    .limit(CLEANUP_BATCH)
  const deleted = await db
    .delete(rateLimitEvents)
    .where(inArray(rateLimitEvents.id, expired))
    .returning({ id: rateLimitEvents.id })
  return deleted.length
}
