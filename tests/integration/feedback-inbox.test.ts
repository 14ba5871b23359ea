import { asc, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/db'
import { auditLog, feedbackMessages, users, type User } from '@/db/schema'
import { changeFeedbackStatus, removeFeedback } from '@/lib/admin/actions'
import { countFeedbackByStatus, listFeedback, parseInboxQuery, type InboxQuery } from '@/lib/admin/feedback-inbox'
import { ADMIN_PAGE_SIZE } from '@/lib/admin/listing'
import { deleteFeedback, setFeedbackStatus } from '@/lib/feedback/status'
import { requestAs, runAction, sessionOf } from '@/tests/support/actions'

let editor: User

beforeAll(async () => {
  const [row] = await db.insert(users).values({ email: 'editor@example.com', name: '编辑甲', role: 'editor' }).returning()
  if (!row) throw new Error('editor not inserted')
  editor = row
})

/** Inserts messages with distinct times, oldest first; returns their ids in the same order. */
async function insertMessages(messages: { name: string; email?: string; body: string; status?: 'new' | 'read' | 'archived' }[]) {
  const rows = await db
    .insert(feedbackMessages)
    .values(
      messages.map((message, index) => ({
        ...message,
        // Seconds apart, in the order given, all before now.
        createdAt: sql`now() - (${messages.length - index}::integer * interval '1 second')`,
      })),
    )
    .returning({ id: feedbackMessages.id })
  return rows.map((row) => row.id)
}

async function auditFor(id: number) {
  return db.select().from(auditLog).where(eq(auditLog.targetId, String(id))).orderBy(asc(auditLog.id))
}

function query(overrides: Partial<InboxQuery>): InboxQuery {
  return { view: 'all', text: '', page: 1, ...overrides }
}

async function namesIn(overrides: Partial<InboxQuery>): Promise<string[]> {
  return (await listFeedback(query(overrides))).items.map((item) => item.name)
}

describe('the feedback inbox', () => {
  it('lists newest first and filters by status', async () => {
    await db.delete(feedbackMessages)
    await insertMessages([
      { name: 'old-read', body: 'a', status: 'read' },
      { name: 'archived', body: 'b', status: 'archived' },
      { name: 'new-1', body: 'c' },
      { name: 'new-2', body: 'd' },
    ])
    expect(await namesIn({ view: 'all' })).toEqual(['new-2', 'new-1', 'archived', 'old-read'])
    expect(await namesIn({ view: 'inbox' })).toEqual(['new-2', 'new-1', 'old-read'])
    expect(await namesIn({ view: 'new' })).toEqual(['new-2', 'new-1'])
    expect(await namesIn({ view: 'read' })).toEqual(['old-read'])
    expect(await namesIn({ view: 'archived' })).toEqual(['archived'])
    expect(await countFeedbackByStatus()).toEqual({ new: 2, read: 1, archived: 1 })
  })

  it('finds text in the name, email or message, ignoring case', async () => {
    await db.delete(feedbackMessages)
    await insertMessages([
      { name: 'Ada Lovelace', body: 'about notes' },
      { name: 'anon', email: 'Grace.Hopper@Example.com', body: 'compilers' },
      { name: 'anon2', body: 'The ATTENTION article' },
      { name: '林析', body: '关于注意力机制的推导' },
    ])
    expect(await namesIn({ text: 'lovelace' })).toEqual(['Ada Lovelace'])
    expect(await namesIn({ text: 'grace.hopper@example' })).toEqual(['anon'])
    expect(await namesIn({ text: 'attention' })).toEqual(['anon2'])
    expect(await namesIn({ text: '注意力' })).toEqual(['林析'])
    expect(await namesIn({ text: 'nothing like this' })).toEqual([])
  })

  it('matches % and _ and backslashes literally, and quotes do no harm', async () => {
    await db.delete(feedbackMessages)
    await insertMessages([
      { name: 'percent', body: '满意度 100% 了' },
      { name: 'plain', body: '满意度 1000 了' },
      { name: 'underscore', body: 'see snake_case' },
      { name: 'space', body: 'see snake case' },
      { name: 'backslash', body: 'C:\\temp' },
      { name: 'quote', body: "it's \"quoted\"" },
    ])
    expect(await namesIn({ text: '100%' })).toEqual(['percent'])
    expect(await namesIn({ text: '%' })).toEqual(['percent'])
    expect(await namesIn({ text: 'snake_case' })).toEqual(['underscore'])
    expect(await namesIn({ text: '_' })).toEqual(['underscore'])
    expect(await namesIn({ text: 'C:\\t' })).toEqual(['backslash'])
    expect(await namesIn({ text: "'; drop table feedback_messages; --" })).toEqual([])
    expect(await namesIn({ text: "it's \"quoted\"" })).toEqual(['quote'])
    expect(await countFeedbackByStatus()).toEqual({ new: 6, read: 0, archived: 0 })
  })

  it('pages through long lists and counts every match', async () => {
    await db.delete(feedbackMessages)
    await insertMessages(Array.from({ length: ADMIN_PAGE_SIZE + 3 }, (_, i) => ({ name: `m${i}`, body: 'bulk' })))
    const first = await listFeedback(query({ page: 1 }))
    const second = await listFeedback(query({ page: 2 }))
    expect(first).toMatchObject({ total: ADMIN_PAGE_SIZE + 3, pageCount: 2 })
    expect(first.items).toHaveLength(ADMIN_PAGE_SIZE)
    expect(second.items.map((item) => item.name)).toEqual(['m2', 'm1', 'm0'])
  })

  it('reads the view, text and page from the address, defaulting to unarchived messages', () => {
    expect(parseInboxQuery({})).toEqual({ view: 'inbox', text: '', page: 1 })
    expect(parseInboxQuery({ view: 'archived', q: ' x ', page: '2' })).toEqual({ view: 'archived', text: 'x', page: 2 })
    expect(parseInboxQuery({ view: 'deleted' }).view).toBe('inbox')
  })

  it('shows an excerpt of long messages and who among the members sent one', async () => {
    const [member] = await db.insert(users).values({ email: 'writer@example.com', name: '写信人' }).returning()
    const [id] = await insertMessages([{ name: 'long', body: `${'长'.repeat(300)}` }])
    await db.update(feedbackMessages).set({ userId: member?.id }).where(eq(feedbackMessages.id, id!))
    const [item] = (await listFeedback(query({ text: '长长' }))).items
    expect(item).toMatchObject({ excerpt: '长'.repeat(160), truncated: true, memberName: '写信人' })
  })
})

describe('handling a message', () => {
  it('moves between new, read and archived, recording each step', async () => {
    const [id] = await insertMessages([{ name: 'flow', body: 'x' }])
    if (id === undefined) throw new Error('no message')
    const status = async () => (await db.select().from(feedbackMessages).where(eq(feedbackMessages.id, id)))[0]

    expect(await setFeedbackStatus(editor, id, 'read')).toBe('done')
    const read = await status()
    expect(read).toMatchObject({ status: 'read' })
    expect(read?.readAt).toBeInstanceOf(Date)

    expect(await setFeedbackStatus(editor, id, 'read')).toBe('unchanged')
    expect(await setFeedbackStatus(editor, id, 'new')).toBe('done')
    expect(await status()).toMatchObject({ status: 'new', readAt: null })

    expect(await setFeedbackStatus(editor, id, 'archived')).toBe('done')
    const archived = await status()
    expect(archived?.status).toBe('archived')
    expect(archived?.readAt).toBeInstanceOf(Date)
    expect(await setFeedbackStatus(editor, id, 'read')).toBe('done')

    expect((await auditFor(id)).map((entry) => [entry.action, entry.details])).toEqual([
      ['feedback.read', { from: 'new', to: 'read' }],
      ['feedback.unread', { from: 'read', to: 'new' }],
      ['feedback.archive', { from: 'new', to: 'archived' }],
      ['feedback.unarchive', { from: 'archived', to: 'read' }],
    ])
    for (const entry of await auditFor(id)) {
      expect(entry).toMatchObject({ actorId: editor.id, actorLabel: '编辑甲 <editor@example.com>', targetType: 'feedback' })
    }
  })

  it('deletes a message, keeping who sent it and when in the audit log but not what it said', async () => {
    const [id] = await insertMessages([{ name: '将被删除', body: '秘密内容', status: 'read' }])
    if (id === undefined) throw new Error('no message')
    expect(await deleteFeedback(editor, id)).toBe('done')
    expect(await db.select().from(feedbackMessages).where(eq(feedbackMessages.id, id))).toEqual([])
    const [entry] = await auditFor(id)
    expect(entry).toMatchObject({ action: 'feedback.delete', actorId: editor.id, targetType: 'feedback', details: { name: '将被删除', status: 'read' } })
    expect(JSON.stringify(entry?.details)).not.toContain('秘密内容')
    expect(await deleteFeedback(editor, id)).toBe('not-found')
    expect(await setFeedbackStatus(editor, id, 'read')).toBe('not-found')
    expect(await auditFor(id)).toHaveLength(1)
  })
})

describe('the inbox actions', () => {
  it('let an editor change and delete messages, and say so', async () => {
    const [id] = await insertMessages([{ name: 'via action', body: 'x' }])
    const asEditor = requestAs(sessionOf(editor))
    expect(await runAction(changeFeedbackStatus, { id: String(id), status: 'read' }, asEditor)).toEqual({ ok: true, data: null, message: '已标为已读' })
    expect(await runAction(changeFeedbackStatus, { id: String(id), status: 'archived' }, asEditor)).toMatchObject({ ok: true, message: '已归档' })
    expect(await runAction(removeFeedback, { id: String(id) }, asEditor)).toMatchObject({ ok: true, message: '留言已删除' })
    expect(await runAction(removeFeedback, { id: String(id) }, asEditor)).toMatchObject({ ok: false, error: '这条留言已不存在，可能已被删除' })
    expect(await runAction(changeFeedbackStatus, { id: 'abc', status: 'read' }, asEditor)).toMatchObject({ ok: false, fieldErrors: { id: '无效的留言编号' } })
    expect(await runAction(changeFeedbackStatus, { id: String(id), status: 'deleted' }, asEditor)).toMatchObject({ ok: false })
  })
})
