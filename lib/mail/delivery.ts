import 'server-only'
import path from 'node:path'
import { and, eq, inArray, lt, lte, sql } from 'drizzle-orm'
import { db } from '@/db'
import { isDatabaseUnavailableError } from '@/db/errors'
import { mailOutbox, users, type OutboxMessage } from '@/db/schema'
import { env } from '@/lib/env'
import { logger } from '@/lib/log/logger'
import type { MailPayload } from './outbox'
import { openMailPayload } from './secrets'
import { createMailSender, isPermanentFailure, type MailSender, type MailTarget } from './transport'

/**
 * The delivery loop: every instance runs one (started from instrumentation.ts),
 * and they share the outbox table.
 *
 * A round claims due messages with one UPDATE whose sub-select takes them
 * `FOR UPDATE SKIP LOCKED` and pushes their next attempt a lease ahead, then
 * sends them with no transaction open (PGlite has one connection; a
 * transaction held across an SMTP conversation would stall every request).
 * Two instances therefore never claim the same message; an instance that dies
 * mid-send leaves its claim to expire, and the message is tried again.
 *
 * Nothing about the outbox is kept in memory: the timer and the wake-up are
 * only about *when* to look.
 */

export interface DeliveryOptions {
  /** First retry after this long, doubling each time up to `maxDelaySeconds`. */
  baseDelaySeconds: number
  maxDelaySeconds: number
  /** Attempts before a message is marked failed. */
  maxAttempts: number
  /** How long a claim keeps other instances off a message while it is being sent. */
  leaseSeconds: number
  batchSize: number
}

export const defaultDeliveryOptions: DeliveryOptions = {
  baseDelaySeconds: 30,
  maxDelaySeconds: 3600,
  // 30 s, 1, 2, 4, 8, 16, 32 min, then hourly: about four and a half hours of retries.
  maxAttempts: 10,
  leaseSeconds: 120,
  batchSize: 10,
}

/** Seconds to wait after failed attempt number `attempt` (1-based). */
export function retryDelaySeconds(attempt: number, options: Pick<DeliveryOptions, 'baseDelaySeconds' | 'maxDelaySeconds'>): number {
  return Math.min(options.baseDelaySeconds * 2 ** Math.max(0, attempt - 1), options.maxDelaySeconds)
}

export function mailTargetFromEnv(): MailTarget {
  return env.SMTP_URL ? { kind: 'smtp', url: env.SMTP_URL } : { kind: 'folder', dir: path.join(env.DATA_DIR, 'outbox') }
}

/** Claims up to `batchSize` due messages for this instance. */
async function claimDueMessages(options: DeliveryOptions): Promise<OutboxMessage[]> {
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(mailOutbox.nextAttemptAt, mailOutbox.id)
    .limit(options.batchSize)
    .for('update', { skipLocked: true })
  return db
    .update(mailOutbox)
    .set({
      attempts: sql`${mailOutbox.attempts} + 1`,
      nextAttemptAt: sql`now() + (${options.leaseSeconds}::integer * interval '1 second')`,
    })
    // Repeating the conditions: a row another instance claimed meanwhile no longer matches.
    .where(and(inArray(mailOutbox.id, due), eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, sql`now()`)))
    .returning()
}

/**
 * Why a message must not go out any more, or null. Notifications need a
 * recipient who still exists, is enabled, has a proven address (the one the
 * mail was addressed to) and still wants them; links need the member to exist.
 */
async function reasonToCancel(message: OutboxMessage): Promise<string | null> {
  if (!message.userId) return '收件人的账户已删除'
  const [member] = await db
    .select({
      email: users.email,
      disabledAt: users.disabledAt,
      emailVerifiedAt: users.emailVerifiedAt,
      notifyReplies: users.notifyReplies,
      notifyFeedback: users.notifyFeedback,
      role: users.role,
    })
    .from(users)
    .where(eq(users.id, message.userId))
    .limit(1)
  if (!member) return '收件人的账户已删除'
  if (message.kind === 'verify-email') return null
  if (member.disabledAt) return '收件人的账户已停用'
  if (message.kind === 'reset-password') return null
  if (!member.emailVerifiedAt || member.email.toLowerCase() !== message.toAddress.toLowerCase()) return '收件人的邮箱未验证或已更换'
  if (message.kind === 'reply' && !member.notifyReplies) return '收件人已退订回复通知'
  if (message.kind === 'feedback' && (!member.notifyFeedback || member.role === 'member')) return '收件人已退订留言通知'
  return null
}

type OutboxUpdate = Parameters<ReturnType<typeof db.update<typeof mailOutbox>>['set']>[0]

async function finish(id: number, values: OutboxUpdate): Promise<void> {
  await db.update(mailOutbox).set(values).where(eq(mailOutbox.id, id))
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.replace(/[\u0000-\u001f]+/g, ' ').slice(0, 500)
}

async function deliverOne(message: OutboxMessage, sender: MailSender, options: DeliveryOptions): Promise<'sent' | 'retry' | 'failed' | 'cancelled'> {
  const cancel = await reasonToCancel(message)
  if (cancel) {
    await finish(message.id, { status: 'cancelled', lastError: cancel, payload: null })
    return 'cancelled'
  }
  const plain = message.payload ? openMailPayload(message.payload) : null
  if (!plain) {
    await finish(message.id, { status: 'failed', lastError: '无法解开邮件内容（AUTH_SECRET 变过？）' })
    return 'failed'
  }
  const payload = JSON.parse(plain) as MailPayload
  try {
    await sender.send({ id: message.id, from: env.MAIL_FROM, to: message.toAddress, subject: message.subject, ...payload })
  } catch (error) {
    const permanent = isPermanentFailure(error)
    const last = message.attempts >= options.maxAttempts
    logger.warn('mail delivery failed', { id: message.id, kind: message.kind, attempt: message.attempts, permanent, error: errorText(error) })
    if (permanent || last) {
      await finish(message.id, { status: 'failed', lastError: errorText(error) })
      return 'failed'
    }
    await finish(message.id, {
      lastError: errorText(error),
      nextAttemptAt: sql`now() + (${retryDelaySeconds(message.attempts, options)}::integer * interval '1 second')`,
    })
    return 'retry'
  }
  // Sent: the body (and any link in it) is no longer needed anywhere.
  await finish(message.id, { status: 'sent', sentAt: sql`now()`, payload: null, lastError: null })
  return 'sent'
}

export interface DeliveryRound {
  sent: number
  retry: number
  failed: number
  cancelled: number
}

/** Claims and sends due messages until none is left; returns what happened to them. */
export async function deliverDueMail(sender: MailSender, options: DeliveryOptions = defaultDeliveryOptions): Promise<DeliveryRound> {
  const round: DeliveryRound = { sent: 0, retry: 0, failed: 0, cancelled: 0 }
  for (;;) {
    const claimed = await claimDueMessages(options)
    if (claimed.length === 0) return round
    for (const message of claimed) round[await deliverOne(message, sender, options)] += 1
  }
}

const KEEP_FINISHED_DAYS = 30

/** Sent and cancelled messages are kept 30 days for /admin/mail, then deleted. */
export async function deleteOldMail(): Promise<number> {
  const deleted = await db
    .delete(mailOutbox)
    .where(and(inArray(mailOutbox.status, ['sent', 'cancelled']), lt(mailOutbox.createdAt, sql`now() - (${KEEP_FINISHED_DAYS}::integer * interval '1 day')`)))
    .returning({ id: mailOutbox.id })
  return deleted.length
}

interface LoopState {
  wake: () => void
  stop: () => void
}

// On globalThis: instrumentation and the route bundles may load this module separately.
const globalForMail = globalThis as unknown as { mailDeliveryLoop?: LoopState }

export interface LoopOptions extends DeliveryOptions {
  /** How often to look for due messages when nothing wakes the loop. */
  pollSeconds: number
}

/**
 * Starts this process's delivery loop (once). It looks every few seconds, and
 * right away when `requestMailDelivery()` says something was queued here;
 * messages queued by another instance are found by the next look.
 */
export function startMailDelivery(sender: MailSender = createMailSender(mailTargetFromEnv()), overrides: Partial<LoopOptions> = {}): () => void {
  if (globalForMail.mailDeliveryLoop) return globalForMail.mailDeliveryLoop.stop
  const options: LoopOptions = { ...defaultDeliveryOptions, pollSeconds: 3, ...overrides }
  let running = false
  let again = false
  let stopped = false
  let databaseDown = false
  let lastCleanup = 0
  let timer: NodeJS.Timeout | undefined

  const schedule = (seconds: number) => {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(() => void round(), seconds * 1000)
    timer.unref()
  }

  const round = async () => {
    if (running) {
      again = true
      return
    }
    running = true
    try {
      do {
        again = false
        await deliverDueMail(sender, options)
      } while (again && !stopped)
      if (Date.now() - lastCleanup > 3600_000) {
        lastCleanup = Date.now()
        await deleteOldMail()
      }
      if (databaseDown) logger.info('mail delivery resumed: the database answers again')
      databaseDown = false
    } catch (error) {
      // The loop outlives outages; say so once, not every few seconds.
      if (!isDatabaseUnavailableError(error)) logger.error('mail delivery round failed', { error: errorText(error) })
      else if (!databaseDown) logger.warn('mail delivery paused: the database is unreachable', { error: errorText(error) })
      databaseDown = isDatabaseUnavailableError(error)
    } finally {
      running = false
      schedule(options.pollSeconds)
    }
  }

  const state: LoopState = {
    wake: () => schedule(0.05),
    stop: () => {
      stopped = true
      clearTimeout(timer)
      sender.close()
      globalForMail.mailDeliveryLoop = undefined
    },
  }
  globalForMail.mailDeliveryLoop = state
  schedule(0)
  return state.stop
}

/** Call after a transaction that queued mail committed: this instance sends it now instead of at its next look. */
export function requestMailDelivery(): void {
  globalForMail.mailDeliveryLoop?.wake()
}
