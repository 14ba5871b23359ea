import { randomBytes } from 'node:crypto'
import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/db'
import { mailOutbox, users, type User } from '@/db/schema'
import { deliverDueMail, defaultDeliveryOptions, retryDelaySeconds, type DeliveryOptions } from '@/lib/mail/delivery'
import { queueMail } from '@/lib/mail/outbox'
import { verificationMail, type MailContent } from '@/lib/mail/templates'
import { createMailSender, type MailSender } from '@/lib/mail/transport'
import { SmtpCatcher } from '@/tests/support/smtp-catcher'

const catcher = new SmtpCatcher()
let sender: MailSender

beforeAll(async () => {
  await catcher.start(0)
  sender = createMailSender({ kind: 'smtp', url: catcher.url })
})

afterAll(async () => {
  sender.close()
  await catcher.stop()
})

async function verifiedMember(label: string): Promise<User> {
  const [member] = await db
    .insert(users)
    .values({ email: `${label}-${randomBytes(3).toString('hex')}@example.com`, name: label, emailVerifiedAt: new Date() })
    .returning()
  return member!
}

function contentFor(marker: string): MailContent {
  return verificationMail({ name: marker, link: `http://localhost:3000/verify-email?token=${marker}`, change: false })
}

async function queue(member: User, marker: string, kind: 'verify-email' | 'reply' = 'verify-email'): Promise<number> {
  return db.transaction((tx) => queueMail(tx, { kind, userId: member.id, to: member.email, content: contentFor(marker) }))
}

async function rows(ids: number[]) {
  return db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids)).orderBy(mailOutbox.id)
}

/** Retries in tests are due after about a second instead of 30. */
const quick: DeliveryOptions = { ...defaultDeliveryOptions, baseDelaySeconds: 1, maxDelaySeconds: 1 }

async function deliverUntilSettled(ids: number[], options = quick): Promise<void> {
  await expect
    .poll(
      async () => {
        await deliverDueMail(sender, options)
        return (await rows(ids)).every((row) => row.status !== 'pending')
      },
      { timeout: 20_000, interval: 300 },
    )
    .toBe(true)
}

describe('the outbox', () => {
  it('sends a queued message over SMTP once, then forgets its body', async () => {
    const member = await verifiedMember('once')
    const marker = `m-${randomBytes(4).toString('hex')}`
    const id = await queue(member, marker)
    const [queued] = await rows([id])
    // The link is sealed while the message waits.
    expect(queued!.payload).not.toContain(marker)
    expect(queued!.status).toBe('pending')

    expect(await deliverDueMail(sender, quick)).toMatchObject({ sent: 1 })
    expect(await deliverDueMail(sender, quick)).toEqual({ sent: 0, retry: 0, failed: 0, cancelled: 0 })

    const received = catcher.to(member.email)
    expect(received).toHaveLength(1)
    expect(received[0]!.envelopeTo).toEqual([member.email])
    expect(received[0]!.subject).toBe('请验证你在 格物志 的邮箱')
    expect(received[0]!.text).toContain(`http://localhost:3000/verify-email?token=${marker}`)
    expect(received[0]!.messageId).toMatch(new RegExp(`^<outbox-${id}@`))
    const [sent] = await rows([id])
    expect(sent).toMatchObject({ status: 'sent', payload: null, attempts: 1, lastError: null })
    expect(sent!.sentAt).toBeInstanceOf(Date)
  })

  it('queues nothing when the transaction that caused the mail rolls back', async () => {
    const member = await verifiedMember('rollback')
    const before = (await db.select().from(mailOutbox).where(eq(mailOutbox.userId, member.id))).length
    await expect(
      db.transaction(async (tx) => {
        await queueMail(tx, { kind: 'verify-email', userId: member.id, to: member.email, content: contentFor('rolled-back') })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.userId, member.id))).toHaveLength(before)
  })

  it('keeps every message through an SMTP outage and sends each exactly once when the server is back', async () => {
    const member = await verifiedMember('outage')
    await catcher.stop()
    const ids: number[] = []
    for (let i = 0; i < 5; i++) ids.push(await queue(member, `outage-${i}`))

    const during = await deliverDueMail(sender, quick)
    expect(during).toMatchObject({ sent: 0, retry: 5 })
    for (const row of await rows(ids)) {
      expect(row.status).toBe('pending')
      expect(row.attempts).toBe(1)
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i)
    }

    await catcher.start()
    await deliverUntilSettled(ids)
    // A few more rounds: nothing is sent twice.
    await deliverDueMail(sender, quick)
    await deliverDueMail(sender, quick)

    const received = catcher.to(member.email).map((mail) => /token=(outage-\d)/.exec(mail.text)?.[1]).sort()
    expect(received).toEqual(['outage-0', 'outage-1', 'outage-2', 'outage-3', 'outage-4'])
    expect((await rows(ids)).map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent'])
  })

  it('marks a message failed at once when the server refuses it permanently (5xx)', async () => {
    const member = await verifiedMember('refused')
    const id = await queue(member, 'refused')
    catcher.refuseRecipientsWith = 550
    try {
      expect(await deliverDueMail(sender, quick)).toMatchObject({ failed: 1 })
    } finally {
      catcher.refuseRecipientsWith = undefined
    }
    const [row] = await rows([id])
    expect(row).toMatchObject({ status: 'failed', attempts: 1 })
    expect(row!.lastError).toContain('550')
  })

  it('retries a temporary refusal (4xx) and gives up after the last attempt', async () => {
    const member = await verifiedMember('greylisted')
    const id = await queue(member, 'greylisted')
    catcher.refuseRecipientsWith = 451
    try {
      await deliverUntilSettled([id], { ...quick, maxAttempts: 3 })
    } finally {
      catcher.refuseRecipientsWith = undefined
    }
    const [row] = await rows([id])
    expect(row).toMatchObject({ status: 'failed', attempts: 3 })
    expect(row!.lastError).toContain('451')
  })

  it('waits 30 s after the first failure, doubling up to an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempt) => retryDelaySeconds(attempt, defaultDeliveryOptions))).toEqual([
      30, 60, 120, 240, 480, 960, 1920, 3600, 3600,
    ])
    expect(defaultDeliveryOptions.maxAttempts).toBe(10)
  })

  it('cancels a notification whose recipient was disabled or deleted meanwhile, and sends no mail', async () => {
    const disabled = await verifiedMember('disabled-later')
    const deleted = await verifiedMember('deleted-later')
    const ids = [await queue(disabled, 'n1', 'reply'), await queue(deleted, 'n2', 'reply')]
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id))
    await db.delete(users).where(eq(users.id, deleted.id))
    expect(await deliverDueMail(sender, quick)).toMatchObject({ cancelled: 2, sent: 0 })
    expect((await rows(ids)).map((row) => [row.status, row.lastError])).toEqual([
      ['cancelled', '收件人的账户已停用'],
      ['cancelled', '收件人的账户已删除'],
    ])
    expect(catcher.to(disabled.email)).toHaveLength(0)
    expect(catcher.to(deleted.email)).toHaveLength(0)
  })

  it('sends each message once when two delivery loops run at the same time', async () => {
    const member = await verifiedMember('concurrent')
    const ids: number[] = []
    for (let i = 0; i < 12; i++) ids.push(await queue(member, `concurrent-${i}`))
    const other = createMailSender({ kind: 'smtp', url: catcher.url })
    try {
      const options = { ...quick, batchSize: 2 }
      const [a, b] = await Promise.all([deliverDueMail(sender, options), deliverDueMail(other, options)])
      expect(a.sent + b.sent).toBe(12)
    } finally {
      other.close()
    }
    const tokens = catcher.to(member.email).map((mail) => /token=(concurrent-\d+)/.exec(mail.text)?.[1])
    expect(tokens).toHaveLength(12)
    expect(new Set(tokens).size).toBe(12)
  })
})
