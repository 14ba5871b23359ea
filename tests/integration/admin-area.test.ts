import { and, asc, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/db'
import { auditLog, comments, feedbackMessages, users, type User } from '@/db/schema'
import { changeFeedbackStatus, changeMemberDisabled, changeMemberRole, removeFeedback } from '@/lib/admin/actions'
import { listAuditEntries } from '@/lib/admin/audit-trail'
import { listCommentsForModeration, type CommentQueueQuery } from '@/lib/admin/comment-queue'
import { dashboardCounts } from '@/lib/admin/dashboard'
import { listMembers } from '@/lib/admin/member-directory'
import { actionMessages, type ActionResult } from '@/lib/actions/action-result'
import { moderateCommentDeletion as removeComment, moderateCommentVisibility as changeCommentVisibility } from '@/lib/comments/actions'
import type { ActionEnvironment } from '@/lib/actions/validated-action'
import type { CurrentUser } from '@/lib/auth/current-user'
import { hashPassword } from '@/lib/auth/password-hash'
import { findSessionMember } from '@/lib/auth/session-member'
import { DISABLED_ACCOUNT_MESSAGE, signInWithPassword } from '@/lib/auth/sign-in'
import { sendFeedback } from '@/lib/feedback/send-feedback'
import { requestAs, runAction, sessionOf } from '@/tests/support/actions'

let counter = 0
async function newUser(role: User['role'] = 'member', overrides: Partial<User> = {}): Promise<User> {
  counter += 1
  const [user] = await db
    .insert(users)
    .values({ email: `${role}-${counter}@example.com`, name: `${role} ${counter}`, role, emailVerifiedAt: new Date(), ...overrides })
    .returning()
  if (!user) throw new Error('user not inserted')
  return user
}

async function newComment(author: User | null, postSlug = 'attention-scale-entropy', body = '好文章') {
  const [comment] = await db.insert(comments).values({ postSlug, authorId: author?.id ?? null, body, bodyHtml: `<p>${body}</p>` }).returning()
  if (!comment) throw new Error('comment not inserted')
  return comment
}

// By type and id: comments and feedback messages are numbered separately, so ids alone collide.
async function auditEntriesFor(targetType: 'comment' | 'feedback' | 'member', targetId: string | number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, String(targetId))))
    .orderBy(asc(auditLog.id))
}

let admin: User
let editor: User
let member: User

beforeAll(async () => {
  admin = await newUser('admin')
  editor = await newUser('editor')
  member = await newUser('member')
})

describe('who may use the admin actions', () => {
  it('refuses visitors, members and disabled members every action, changing nothing', async () => {
    const disabledEditor = await newUser('editor', { disabledAt: new Date() })
    const target = await newUser('member')
    const comment = await newComment(target)
    const [message] = await db.insert(feedbackMessages).values({ name: 'n', body: 'b' }).returning()
    const calls: Record<string, (environment: ActionEnvironment) => Promise<ActionResult<null>>> = {
      changeFeedbackStatus: (environment) => runAction(changeFeedbackStatus, { id: message!.id, status: 'archived' }, environment),
      removeFeedback: (environment) => runAction(removeFeedback, { id: message!.id }, environment),
      changeCommentVisibility: (environment) => runAction(changeCommentVisibility, { id: comment.id, hidden: 'true' }, environment),
      removeComment: (environment) => runAction(removeComment, { id: comment.id }, environment),
      changeMemberRole: (environment) => runAction(changeMemberRole, { id: target.id, role: 'admin' }, environment),
      changeMemberDisabled: (environment) => runAction(changeMemberDisabled, { id: target.id, disabled: 'true' }, environment),
    }
    const refusals: [string, CurrentUser | null, string][] = [
      ['visitor', null, actionMessages.signInRequired],
      ['member', sessionOf(member), actionMessages.forbidden],
      ['disabled editor', sessionOf(disabledEditor), actionMessages.disabled],
    ]
    for (const [who, user, error] of refusals) {
      for (const [name, call] of Object.entries(calls)) {
        expect(await call(requestAs(user)), `${who}: ${name}`).toMatchObject({ ok: false, error })
      }
    }
    expect((await db.select().from(feedbackMessages).where(eq(feedbackMessages.id, message!.id)))[0]?.status).toBe('new')
    expect((await db.select().from(comments).where(eq(comments.id, comment.id)))[0]).toMatchObject({ hiddenAt: null, deletedAt: null })
    expect((await db.select().from(users).where(eq(users.id, target.id)))[0]).toMatchObject({ role: 'member', disabledAt: null })
    expect(await auditEntriesFor('feedback', message!.id)).toEqual([])
    expect(await auditEntriesFor('comment', comment.id)).toEqual([])
    expect(await auditEntriesFor('member', target.id)).toEqual([])
  })

  it('lets editors handle feedback and comments but not members', async () => {
    const target = await newUser('member')
    const asEditor = requestAs(sessionOf(editor))
    expect(await runAction(changeMemberRole, { id: target.id, role: 'editor' }, asEditor)).toMatchObject({ ok: false, error: actionMessages.forbidden })
    expect(await runAction(changeMemberDisabled, { id: target.id, disabled: 'true' }, asEditor)).toMatchObject({ ok: false, error: actionMessages.forbidden })
    const comment = await newComment(target)
    expect(await runAction(changeCommentVisibility, { id: comment.id, hidden: 'true' }, asEditor)).toMatchObject({ ok: true, message: '评论已隐藏' })
  })
})

describe('comment moderation', () => {
  it('hides, shows again and deletes through the moderation core, with an audit entry each', async () => {
    const author = await newUser('member')
    const comment = await newComment(author)
    const asEditor = requestAs(sessionOf(editor))
    expect(await runAction(changeCommentVisibility, { id: comment.id, hidden: 'true' }, asEditor)).toMatchObject({ ok: true })
    expect((await db.select().from(comments).where(eq(comments.id, comment.id)))[0]).toMatchObject({ hiddenById: editor.id })
    expect(await runAction(changeCommentVisibility, { id: comment.id, hidden: 'false' }, asEditor)).toMatchObject({ ok: true, message: '评论已恢复显示' })
    expect(await runAction(removeComment, { id: comment.id }, asEditor)).toMatchObject({ ok: true, message: '评论已删除' })
    expect(await runAction(removeComment, { id: 999_999 }, asEditor)).toMatchObject({ ok: false, error: '这条评论已不存在' })
    const entries = await auditEntriesFor('comment', comment.id)
    expect(entries.map((entry) => [entry.action, entry.actorId, entry.targetType])).toEqual([
      ['comment.hide', editor.id, 'comment'],
      ['comment.unhide', editor.id, 'comment'],
      ['comment.delete', editor.id, 'comment'],
    ])
  })

  it('lists the newest comments across articles, filtered by article, member id or member name', async () => {
    await db.delete(comments)
    const ada = await newUser('member', { name: 'Ada 100%', email: 'ada@example.org' })
    const bob = await newUser('member', { name: 'Bob', email: 'bob@example.org' })
    const first = await newComment(ada, 'post-a', 'first')
    const second = await newComment(bob, 'post-b', 'second')
    const third = await newComment(ada, 'post-b', 'third')
    await db.update(comments).set({ deletedAt: new Date() }).where(eq(comments.id, second.id))
    const ids = async (query: Partial<CommentQueueQuery>) =>
      (await listCommentsForModeration({ post: '', authorId: '', member: '', page: 1, ...query })).items.map((item) => item.id)

    expect(await ids({})).toEqual([third.id, second.id, first.id])
    expect(await ids({ post: 'post-b' })).toEqual([third.id, second.id])
    expect(await ids({ authorId: ada.id })).toEqual([third.id, first.id])
    expect(await ids({ member: 'BOB@EXAMPLE' })).toEqual([second.id])
    expect(await ids({ member: '100%' })).toEqual([third.id, first.id])
    expect(await ids({ member: '_' })).toEqual([])
    expect(await ids({ post: 'post-b', authorId: ada.id })).toEqual([third.id])

    const [deleted] = (await listCommentsForModeration({ post: '', authorId: bob.id, member: '', page: 1 })).items
    expect(deleted).toMatchObject({ body: null, authorName: 'Bob' })
    expect(deleted?.deletedAt).toBeInstanceOf(Date)
  })
})

describe('managing members', () => {
  it('changes a role, records who did it, and refuses an admin changing their own', async () => {
    const target = await newUser('member')
    const asAdmin = requestAs(sessionOf(admin))
    expect(await runAction(changeMemberRole, { id: target.id, role: 'editor' }, asAdmin)).toEqual({ ok: true, data: null, message: `${target.name} 现在是编辑` })
    expect((await db.select().from(users).where(eq(users.id, target.id)))[0]?.role).toBe('editor')
    const [entry] = await auditEntriesFor('member', target.id)
    expect(entry).toMatchObject({
      actorId: admin.id,
      actorLabel: `${admin.name} <${admin.email}>`,
      action: 'member.role',
      targetType: 'member',
      details: { email: target.email, from: 'member', to: 'editor' },
    })
    expect(await runAction(changeMemberRole, { id: admin.id, role: 'member' }, asAdmin)).toMatchObject({ ok: false, error: '不能更改自己的角色' })
    expect(await runAction(changeMemberRole, { id: target.id, role: 'owner' }, asAdmin)).toMatchObject({ ok: false, fieldErrors: { role: '请选择角色' } })
    expect(await runAction(changeMemberRole, { id: crypto.randomUUID(), role: 'editor' }, asAdmin)).toMatchObject({ ok: false, error: '这个成员已不存在' })
  })

  it('disabling ends every session, blocks sign-in and posting; enabling lets the member back in', async () => {
    const password = 'a passphrase to be disabled'
    const target = await newUser('member', { passwordHash: await hashPassword(password) })
    const session = { sub: target.id, sv: target.sessionVersion }
    expect(await findSessionMember(session)).not.toBeNull()
    const asAdmin = requestAs(sessionOf(admin))

    expect(await runAction(changeMemberDisabled, { id: target.id, disabled: 'true' }, asAdmin)).toMatchObject({ ok: true })
    const [disabled] = await db.select().from(users).where(eq(users.id, target.id))
    expect(disabled?.disabledAt).toBeInstanceOf(Date)
    expect(disabled?.sessionVersion).toBe(target.sessionVersion + 1)
    expect(await findSessionMember(session)).toBeNull()
    expect(await signInWithPassword({ email: target.email, password, ip: '192.0.2.50' })).toMatchObject({ ok: false, message: DISABLED_ACCOUNT_MESSAGE })
    // Even a session issued after disabling (say, by a stale sign-in form) cannot post.
    const posted = await runAction(sendFeedback, { name: 'x', body: 'y' }, requestAs(sessionOf(disabled!)))
    expect(posted).toMatchObject({ ok: false, error: actionMessages.disabled })

    expect(await runAction(changeMemberDisabled, { id: target.id, disabled: 'false' }, asAdmin)).toMatchObject({ ok: true, message: `已启用 ${target.name}` })
    expect(await signInWithPassword({ email: target.email, password, ip: '192.0.2.50' })).toMatchObject({ ok: true })
    expect((await auditEntriesFor('member', target.id)).map((entry) => [entry.action, entry.actorId])).toEqual([
      ['member.disable', admin.id],
      ['member.enable', admin.id],
    ])
    expect(await runAction(changeMemberDisabled, { id: admin.id, disabled: 'true' }, asAdmin)).toMatchObject({ ok: false, error: '不能停用自己的账户' })
  })

  it('lists members newest first, searchable by name or email', async () => {
    const newest = await newUser('member', { name: '最新的成员', email: 'Newest@Example.net' })
    const page = await listMembers({ text: '', page: 1 })
    expect(page.items[0]?.id).toBe(newest.id)
    expect(page.total).toBe((await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users))[0]?.n)
    expect((await listMembers({ text: 'newest@example', page: 1 })).items.map((item) => item.id)).toEqual([newest.id])
    expect((await listMembers({ text: '最新', page: 1 })).items.map((item) => item.id)).toEqual([newest.id])
    // % matches only names and emails that contain one, not everyone.
    const discount = await newUser('member', { name: '折扣 50%' })
    const withPercent = (await listMembers({ text: '%', page: 1 })).items
    expect(withPercent.map((item) => item.id)).toContain(discount.id)
    expect(withPercent.every((item) => item.name.includes('%') || item.email.includes('%'))).toBe(true)
    expect(withPercent.length).toBeLessThan(page.total)
  })
})

describe('the dashboard and the audit page', () => {
  it('counts new feedback, today\'s comments and members', async () => {
    const now = new Date('2030-06-01T12:00:00Z')
    await db.delete(comments)
    await db.delete(feedbackMessages)
    await db.insert(feedbackMessages).values([{ name: 'a', body: 'a' }, { name: 'b', body: 'b' }, { name: 'c', body: 'c', status: 'read' }])
    await db.insert(comments).values([
      // 00:30 in Shanghai that day, and 23:30 in Shanghai the day before.
      { postSlug: 'p', body: 'today', bodyHtml: 'today', createdAt: new Date('2030-05-31T16:30:00Z') },
      { postSlug: 'p', body: 'yesterday', bodyHtml: 'yesterday', createdAt: new Date('2030-05-31T15:30:00Z') },
    ])
    const memberCount = (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users))[0]?.n
    const disabledCount = (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users).where(sql`${users.disabledAt} is not null`))[0]?.n
    expect(await dashboardCounts(now)).toEqual({ newFeedback: 2, commentsToday: 1, members: memberCount, disabledMembers: disabledCount })
  })

  it('shows audit entries newest first', async () => {
    const [message] = await db.insert(feedbackMessages).values({ name: 'audit', body: 'x' }).returning()
    await runAction(changeFeedbackStatus, { id: message!.id, status: 'read' }, requestAs(sessionOf(editor)))
    await runAction(changeFeedbackStatus, { id: message!.id, status: 'archived' }, requestAs(sessionOf(admin)))
    const { items } = await listAuditEntries({ page: 1 })
    expect(items.slice(0, 2).map((entry) => [entry.action, entry.actorId, entry.targetId])).toEqual([
      ['feedback.archive', admin.id, String(message!.id)],
      ['feedback.read', editor.id, String(message!.id)],
    ])
  })
})
