import { desc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '@/db'
import { feedbackMessages, users, type User } from '@/db/schema'
import { actionMessages } from '@/lib/actions/action-result'
import { FEEDBACK_SENT_MESSAGE } from '@/lib/feedback/limits'
import { sendFeedback } from '@/lib/feedback/send-feedback'
import { requestAs, runAction, sessionOf } from '@/tests/support/actions'

let counter = 0
async function newMember(overrides: Partial<User> = {}): Promise<User> {
  counter += 1
  const [member] = await db
    .insert(users)
    .values({ email: `sender-${counter}@example.com`, name: `读者${counter}`, ...overrides })
    .returning()
  if (!member) throw new Error('member not inserted')
  return member
}

async function newestMessage() {
  const [row] = await db.select().from(feedbackMessages).orderBy(desc(feedbackMessages.id)).limit(1)
  return row
}

async function messageCount(): Promise<number> {
  return (await db.select({ id: feedbackMessages.id }).from(feedbackMessages)).length
}

describe('sending feedback', () => {
  it('stores a visitor\'s message as new, with no account', async () => {
    const result = await runAction(sendFeedback, { name: ' 访客 ', email: '', body: '第 (2) 式少了一个负号。', website: '' }, requestAs(null, '198.51.100.1'))
    expect(result).toEqual({ ok: true, data: null, message: FEEDBACK_SENT_MESSAGE })
    expect(await newestMessage()).toMatchObject({ name: '访客', email: null, body: '第 (2) 式少了一个负号。', userId: null, status: 'new', readAt: null })
  })

  it('links a member\'s message to the account, with the email they chose', async () => {
    const member = await newMember()
    const result = await runAction(sendFeedback, { name: member.name, email: 'reply@example.com', body: '建议增加目录。' }, requestAs(sessionOf(member), '198.51.100.2'))
    expect(result.ok).toBe(true)
    expect(await newestMessage()).toMatchObject({ name: member.name, email: 'reply@example.com', userId: member.id })
  })

  it('refuses a disabled member without storing anything', async () => {
    const member = await newMember({ disabledAt: new Date() })
    const before = await messageCount()
    const result = await runAction(sendFeedback, { name: 'x', body: '还能留言吗？' }, requestAs(sessionOf(member), '198.51.100.3'))
    expect(result).toMatchObject({ ok: false, error: actionMessages.disabled, values: { body: '还能留言吗？' } })
    expect(await messageCount()).toBe(before)
  })

  it('answers a filled-in honeypot as if sent, and stores nothing', async () => {
    const before = await messageCount()
    const result = await runAction(sendFeedback, { name: 'Bot', body: 'cheap pills', website: 'http://spam.example' }, requestAs(null, '198.51.100.4'))
    expect(result).toEqual({ ok: true, data: null, message: FEEDBACK_SENT_MESSAGE })
    expect(await messageCount()).toBe(before)
  })

  it('keeps everything that was typed when a field is wrong', async () => {
    const result = await runAction(sendFeedback, { name: '读者', email: 'nope', body: '很长的留言……' }, requestAs(null, '198.51.100.5'))
    expect(result).toEqual({
      ok: false,
      error: '请检查标出的内容',
      fieldErrors: { email: '请输入有效的邮箱地址，例如 name@example.com' },
      values: { name: '读者', email: 'nope', body: '很长的留言……' },
    })
  })

  it('limits messages to 5 per 10 minutes per client address, for visitors and members alike', async () => {
    const ip = '198.51.100.6'
    for (let i = 0; i < 5; i++) {
      // Different members from one address: the address alone must stop the next one.
      const member = i % 2 === 0 ? null : sessionOf(await newMember())
      expect((await runAction(sendFeedback, { name: 'A', body: `第 ${i} 条` }, requestAs(member, ip))).ok).toBe(true)
    }
    const refused = await runAction(sendFeedback, { name: 'A', body: '再来一条' }, requestAs(null, ip))
    expect(refused).toMatchObject({ ok: false, error: '留言过于频繁，请在 10 分钟后重试', values: { body: '再来一条' } })
    // Another address is not affected.
    expect((await runAction(sendFeedback, { name: 'A', body: '另一处' }, requestAs(null, '198.51.100.7'))).ok).toBe(true)
  })

  it('limits messages to 5 per 10 minutes per member, whatever address they come from', async () => {
    const member = sessionOf(await newMember())
    for (let i = 0; i < 5; i++) {
      expect((await runAction(sendFeedback, { name: 'A', body: `第 ${i} 条` }, requestAs(member, `203.0.113.${i + 1}`))).ok).toBe(true)
    }
    const refused = await runAction(sendFeedback, { name: 'A', body: '换个地址' }, requestAs(member, '203.0.113.200'))
    expect(refused).toMatchObject({ ok: false, error: '留言过于频繁，请在 10 分钟后重试' })
    const stored = await db.select({ id: feedbackMessages.id }).from(feedbackMessages).where(eq(feedbackMessages.userId, member.id))
    expect(stored).toHaveLength(5)
  })
})
