import { randomBytes } from 'node:crypto'
import { and, desc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/db'
import { auditLog, emailTokens, mailOutbox, users, type User } from '@/db/schema'
import { actionMessages } from '@/lib/actions/action-result'
import {
  changeAccountEmail,
  PASSWORD_RESET_REQUESTED_MESSAGE,
  requestPasswordResetAccount,
  resendVerificationAccount,
  resetPasswordAccount,
  verifyEmailAccount,
} from '@/lib/account/actions'
import { findMemberByEmail, registerMember } from '@/lib/auth/members'
import { hashPassword } from '@/lib/auth/password-hash'
import { findSessionMember } from '@/lib/auth/session-member'
import { signInWithPassword } from '@/lib/auth/sign-in'
import { createComment } from '@/lib/comments/actions'
import { env } from '@/lib/env'
import { sendFeedback } from '@/lib/feedback/send-feedback'
import { deliverDueMail, defaultDeliveryOptions } from '@/lib/mail/delivery'
import { unsubscribeWithToken } from '@/lib/mail/notifications'
import { createMailSender, type MailSender } from '@/lib/mail/transport'
import { requestAs, requestWithRelaxedLimits, runAction, sessionOf } from '@/tests/support/actions'
import { linkIn, SmtpCatcher, type CaughtMail } from '@/tests/support/smtp-catcher'

/**
 * The mail flows end to end below the browser: each action as a form calls
 * it, each message sent by the real delivery code over SMTP to a real server
 * (smtp-server) and read back from what that server received.
 */

const catcher = new SmtpCatcher()
let sender: MailSender

beforeAll(async () => {
  await catcher.start(0)
  sender = createMailSender({ kind: 'smtp', url: catcher.url })
  env.ADMIN_EMAILS = ['boss@example.com']
})

afterAll(async () => {
  sender.close()
  await catcher.stop()
})

let counter = 0
const unique = (label: string) => `${label}-${++counter}-${randomBytes(3).toString('hex')}@example.com`
const PASSWORD = 'a long and memorable passphrase'

/** Sends what is due and returns what `address` received since `before`. */
async function mailTo(address: string, before = 0): Promise<CaughtMail[]> {
  await deliverDueMail(sender, defaultDeliveryOptions)
  return catcher.to(address).slice(before)
}

function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token') ?? ''
}

/** Registration as /register does it (the action itself also sets a cookie, which needs a request). */
async function register(email: string, name = '新读者'): Promise<User> {
  const result = await registerMember({ name, email, password: PASSWORD })
  if (!result.ok) throw new Error('not registered')
  return result.member
}

async function verifiedMember(label: string, overrides: Partial<User> = {}): Promise<User> {
  const [member] = await db
    .insert(users)
    .values({ email: unique(label), name: label, passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date(), ...overrides })
    .returning()
  return member!
}

describe('verifying an address', () => {
  it('mails a single-use link valid for 24 hours, which proves the address', async () => {
    const email = unique('reader')
    const member = await register(email)
    expect(member.emailVerifiedAt).toBeNull()

    const [mail, ...more] = await mailTo(email)
    expect(more).toHaveLength(0)
    expect(mail!.envelopeTo).toEqual([email])
    expect(mail!.subject).toBe('请验证你在 格物志 的邮箱')
    expect(mail!.text).toContain('24 小时内有效')
    const link = linkIn(mail!, `${env.SITE_URL}/verify-email?token=`)
    expect(mail!.html).toContain(link.replace(/&/g, '&amp;'))

    // Stored hashed, expiring 24 h after it was made.
    const [token] = await db.select().from(emailTokens).where(eq(emailTokens.userId, member.id))
    expect(token!.tokenHash).not.toBe(tokenOf(link))
    expect(token!.tokenHash).toMatch(/^[0-9a-f]{64}$/)
    expect((token!.expiresAt.getTime() - token!.createdAt.getTime()) / 1000).toBeCloseTo(24 * 3600, 0)

    const verified = await runAction(verifyEmailAccount, { token: tokenOf(link) }, requestAs(null))
    expect(verified).toMatchObject({ ok: true, message: `邮箱 ${email} 已验证，现在可以发表评论了。` })
    expect((await findMemberByEmail(email))!.emailVerifiedAt).toBeInstanceOf(Date)

    const again = await runAction(verifyEmailAccount, { token: tokenOf(link) }, requestAs(null))
    expect(again).toMatchObject({ ok: false, error: '这个链接已经用过了。登录后可以在账户页重新发送验证邮件。' })
  })

  it('refuses an expired link', async () => {
    const email = unique('late')
    const member = await register(email)
    const [mail] = await mailTo(email)
    await db.update(emailTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(emailTokens.userId, member.id))
    const late = await runAction(verifyEmailAccount, { token: tokenOf(linkIn(mail!, `${env.SITE_URL}/verify-email?token=`)) }, requestAs(null))
    expect(late).toMatchObject({ ok: false, error: '这个链接已经过期。登录后可以在账户页重新发送验证邮件。' })
    expect((await findMemberByEmail(email))!.emailVerifiedAt).toBeNull()
  })

  it('lets an unverified member sign in but not comment, until the address is proven', async () => {
    const email = unique('waiting')
    const member = await register(email)
    const signedIn = await signInWithPassword({ email, password: PASSWORD, ip: '198.51.100.77' })
    expect(signedIn.ok).toBe(true)

    const comment = { post: 'lora-rank', body: '等验证之后再说', idempotencyKey: randomBytes(8).toString('hex'), website: '' }
    const refused = await runAction(createComment, comment, requestWithRelaxedLimits(sessionOf(member)))
    expect(refused).toMatchObject({ ok: false, error: actionMessages.emailUnverified })

    const [mail] = await mailTo(email)
    await runAction(verifyEmailAccount, { token: tokenOf(linkIn(mail!, `${env.SITE_URL}/verify-email?token=`)) }, requestAs(null))
    const allowed = await runAction(createComment, comment, requestWithRelaxedLimits(sessionOf((await findMemberByEmail(email))!)))
    expect(allowed).toMatchObject({ ok: true, message: '评论已发布' })
  })

  it('resends at most 3 times an hour, and a new link replaces the old one', async () => {
    const email = unique('resend')
    const member = await register(email)
    const [first] = await mailTo(email)
    const request = requestAs(sessionOf(member), '198.51.100.90')
    for (let i = 0; i < 3; i++) {
      expect(await runAction(resendVerificationAccount, { email }, request)).toMatchObject({ ok: true })
    }
    const fourth = await runAction(resendVerificationAccount, { email }, request)
    expect(fourth).toMatchObject({ ok: false })
    expect(fourth.ok ? '' : fourth.error).toBe('发送过于频繁，请在 1 小时后重试')
    const received = await mailTo(email)
    expect(received).toHaveLength(4)
    expect(await runAction(verifyEmailAccount, { token: tokenOf(linkIn(first!, `${env.SITE_URL}/verify-email?token=`)) }, requestAs(null))).toMatchObject({ ok: false })
    expect(await runAction(verifyEmailAccount, { token: tokenOf(linkIn(received[3]!, `${env.SITE_URL}/verify-email?token=`)) }, requestAs(null))).toMatchObject({ ok: true })
  })

  it('makes an ADMIN_EMAILS address an admin only once it is proven, whatever its letter case', async () => {
    const squatter = await register('BOSS@Example.com', '抢注者')
    expect(squatter.role).toBe('member')
    const [mail] = await mailTo('BOSS@Example.com')
    await runAction(verifyEmailAccount, { token: tokenOf(linkIn(mail!, `${env.SITE_URL}/verify-email?token=`)) }, requestAs(null))
    expect((await findMemberByEmail('boss@example.com'))!.role).toBe('admin')
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.targetId, squatter.id)).orderBy(desc(auditLog.id)).limit(1)
    expect(entry).toMatchObject({ action: 'member.role', actorLabel: 'ADMIN_EMAILS', details: { from: 'member', to: 'admin' } })
  })
})

describe('changing the address', () => {
  it('mails the new address and keeps the old one until the link is opened', async () => {
    const member = await verifiedMember('mover')
    const newEmail = unique('moved')
    const result = await runAction(changeAccountEmail, { email: newEmail, password: PASSWORD }, requestAs(sessionOf(member), '198.51.100.91'))
    expect(result).toMatchObject({ ok: true })
    expect((await db.select().from(users).where(eq(users.id, member.id)))[0]!.email).toBe(member.email)

    const [mail, ...more] = await mailTo(newEmail)
    expect(more).toHaveLength(0)
    expect(catcher.to(member.email)).toHaveLength(0)
    expect(mail!.subject).toBe('请确认 格物志 的新邮箱')
    const verified = await runAction(verifyEmailAccount, { token: tokenOf(linkIn(mail!, `${env.SITE_URL}/verify-email?token=`)) }, requestAs(null))
    expect(verified).toMatchObject({ ok: true, message: `邮箱已更换为 ${newEmail}，并已验证。` })
    expect((await db.select().from(users).where(eq(users.id, member.id)))[0]).toMatchObject({ email: newEmail })
  })

  it('refuses the switch when someone else took the address meanwhile', async () => {
    const member = await verifiedMember('slow-mover')
    const newEmail = unique('contested')
    await runAction(changeAccountEmail, { email: newEmail, password: PASSWORD }, requestAs(sessionOf(member), '198.51.100.92'))
    const [mail] = await mailTo(newEmail)
    await verifiedMember('quick', { email: newEmail })
    const verified = await runAction(verifyEmailAccount, { token: tokenOf(linkIn(mail!, `${env.SITE_URL}/verify-email?token=`)) }, requestAs(null))
    expect(verified).toMatchObject({ ok: false, error: '这个邮箱已经属于另一个账户，无法换成它。' })
    expect((await db.select().from(users).where(eq(users.id, member.id)))[0]!.email).toBe(member.email)
  })
})

describe('resetting a password', () => {
  it('answers the same for an unknown address and sends nothing', async () => {
    const nobody = unique('nobody')
    const result = await runAction(requestPasswordResetAccount, { email: nobody }, requestAs(null, '198.51.100.93'))
    expect(result).toMatchObject({ ok: true, message: PASSWORD_RESET_REQUESTED_MESSAGE })
    expect(await mailTo(nobody)).toHaveLength(0)
  })

  it('mails a 30-minute single-use link; the new password works, the old does not, other sessions end', async () => {
    const member = await verifiedMember('forgetful')
    const result = await runAction(requestPasswordResetAccount, { email: member.email.toUpperCase() }, requestAs(null, '198.51.100.94'))
    expect(result).toMatchObject({ ok: true, message: PASSWORD_RESET_REQUESTED_MESSAGE })
    const [mail] = await mailTo(member.email)
    expect(mail!.subject).toBe('重设 格物志 的密码')
    expect(mail!.text).toContain('30 分钟内有效')
    const token = tokenOf(linkIn(mail!, `${env.SITE_URL}/reset-password?token=`))
    const [row] = await db.select().from(emailTokens).where(and(eq(emailTokens.userId, member.id), eq(emailTokens.purpose, 'reset-password')))
    expect((row!.expiresAt.getTime() - row!.createdAt.getTime()) / 1000).toBeCloseTo(30 * 60, 0)

    const weak = await runAction(resetPasswordAccount, { token, password: 'short' }, requestAs(null))
    expect(weak).toMatchObject({ ok: false, fieldErrors: { password: '密码至少需要 12 个字符（现在是 5 个）' } })

    const newPassword = 'a brand new passphrase for me'
    const reset = await runAction(resetPasswordAccount, { token, password: newPassword }, requestAs(null))
    expect(reset).toMatchObject({ ok: true })
    expect(await signInWithPassword({ email: member.email, password: newPassword, ip: '198.51.100.95' })).toMatchObject({ ok: true })
    expect(await signInWithPassword({ email: member.email, password: PASSWORD, ip: '198.51.100.95' })).toMatchObject({ ok: false, reason: 'invalid-credentials' })
    expect(await findSessionMember({ sub: member.id, sv: member.sessionVersion })).toBeNull()

    const twice = await runAction(resetPasswordAccount, { token, password: 'yet another new passphrase' }, requestAs(null))
    expect(twice).toMatchObject({ ok: false, error: '这个链接已经用过了。请重新申请重设密码。' })
  })

  it('proves the address of an account squatted before its owner arrived, and signs the squatter out', async () => {
    const email = unique('victim')
    const squatter = await register(email, '抢注者')
    await mailTo(email)
    await runAction(requestPasswordResetAccount, { email }, requestAs(null, '198.51.100.96'))
    const received = await mailTo(email)
    const token = tokenOf(linkIn(received.at(-1)!, `${env.SITE_URL}/reset-password?token=`))
    expect(await runAction(resetPasswordAccount, { token, password: 'the owner is back again' }, requestAs(null))).toMatchObject({ ok: true })
    const owner = (await findMemberByEmail(email))!
    expect(owner.emailVerifiedAt).toBeInstanceOf(Date)
    expect(owner.sessionVersion).toBe(squatter.sessionVersion + 1)
  })

  it('limits requests to 3 an hour per address, counted for unknown addresses too', async () => {
    for (const email of [unique('limited'), unique('limited-unknown')]) {
      for (let i = 0; i < 3; i++) {
        expect(await runAction(requestPasswordResetAccount, { email }, requestAs(null, `198.51.100.${100 + i}`))).toMatchObject({ ok: true })
      }
      const fourth = await runAction(requestPasswordResetAccount, { email }, requestAs(null, '198.51.100.110'))
      expect(fourth.ok ? '' : fourth.error).toBe('请求过于频繁，请在 1 小时后重试')
    }
  })

  it('limits requests to 10 an hour per client address', async () => {
    const ip = '198.51.100.120'
    for (let i = 0; i < 10; i++) {
      expect(await runAction(requestPasswordResetAccount, { email: unique('spray') }, requestAs(null, ip))).toMatchObject({ ok: true })
    }
    expect(await runAction(requestPasswordResetAccount, { email: unique('spray') }, requestAs(null, ip))).toMatchObject({
      ok: false,
      error: '请求过于频繁，请在 1 小时后重试',
    })
  })
})

describe('reply notifications', () => {
  const slug = 'gumbel-max-trick'
  const post = async (author: User, body: string, parentId?: number) => {
    const result = await runAction(
      createComment,
      { post: slug, body, idempotencyKey: randomBytes(8).toString('hex'), website: '', ...(parentId ? { parentId } : {}) },
      requestWithRelaxedLimits(sessionOf(author)),
    )
    if (!result.ok || result.data.id === null) throw new Error(JSON.stringify(result))
    return result.data.id
  }

  it('mails the author the reply with its TeX in the text and MathML in the HTML, once per thread an hour', async () => {
    const author = await verifiedMember('asker')
    const replier = await verifiedMember('helper')
    const question = await post(author, '这个技巧为什么成立？')
    const reply = await post(replier, '因为 $\\arg\\max_i (\\log p_i + g_i)$ 服从分布 $p$。')

    expect(await mailTo(author.email)).toHaveLength(0) // a new thread notifies nobody
    const answer = await post(replier, '因为 $\\arg\\max_i (\\log p_i + g_i)$ 服从分布 $p$。', question)
    const [mail, ...more] = await mailTo(author.email)
    expect(more).toHaveLength(0)
    expect(mail!.subject).toBe('你在《Gumbel-Max 技巧：从离散采样到可微松弛》下的评论有了新回复')
    expect(mail!.text).toContain('> 因为 $\\arg\\max_i (\\log p_i + g_i)$ 服从分布 $p$。')
    expect(mail!.text).toContain(`${env.SITE_URL}/archives/${slug}#comment-${answer}`)
    expect(mail!.html).toContain('<math')
    expect(mail!.html).not.toContain('\\arg\\max')
    expect(mail!.headers['list-unsubscribe']).toMatch(new RegExp(`^<${env.SITE_URL}/api/unsubscribe\\?token=`))
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click')
    expect(reply).toBeGreaterThan(question)

    // Two more replies in the same thread within the hour: no second mail.
    await post(replier, '补充一点', question)
    await post(replier, '再补充一点', answer)
    expect(await mailTo(author.email, 1)).toHaveLength(0)
    // The group is per recipient and thread: in an hour (moved back here) the next reply notifies again.
    await db.update(mailOutbox).set({ createdAt: sql`now() - interval '61 minutes'` }).where(eq(mailOutbox.userId, author.id))
    await post(replier, '一小时后又来一条', question)
    expect(await mailTo(author.email, 1)).toHaveLength(1)
  })

  it('mails nobody for a reply to oneself, to an unverified or disabled author, or one who unsubscribed', async () => {
    const replier = await verifiedMember('replier')
    const self = await verifiedMember('self')
    const unverified = await verifiedMember('unverified', { emailVerifiedAt: null })
    const disabled = await verifiedMember('disabled')
    const unsubscribed = await verifiedMember('unsubscribed')

    await post(self, '自问自答', await post(self, '一个问题'))
    // Comments written before they lost the right to be mailed.
    const byUnverified = await post(unverified, '未验证时写的', undefined).catch(() => null)
    expect(byUnverified).toBeNull() // unverified members cannot post at all
    const byDisabled = await post(disabled, '停用之前写的')
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id))
    const byUnsubscribed = await post(unsubscribed, '退订之前写的')

    const [first] = await mailToAfterReply(replier, byUnsubscribed, unsubscribed)
    const header = first!.headers['list-unsubscribe']!
    const token = new URL(header.slice(1, -1)).searchParams.get('token')!
    expect(await unsubscribeWithToken(token)).toEqual({ ok: true, topic: 'replies' })
    expect(await unsubscribeWithToken(`${token}x`)).toEqual({ ok: false })

    await db.update(mailOutbox).set({ createdAt: sql`now() - interval '2 hours'` }).where(eq(mailOutbox.userId, unsubscribed.id))
    await post(replier, '退订之后的回复', byUnsubscribed)
    await post(replier, '给停用账户的回复', byDisabled)
    expect(await mailTo(unsubscribed.email, 1)).toHaveLength(0)
    expect(await mailTo(disabled.email)).toHaveLength(0)
    expect(await mailTo(self.email)).toHaveLength(0)

    async function mailToAfterReply(from: User, to: number, recipient: User) {
      await post(from, '退订之前的回复', to)
      return mailTo(recipient.email)
    }
  })
})

describe('feedback notifications', () => {
  it('mails the editors who opted in, and nobody else', async () => {
    const opted = await verifiedMember('editor-in', { role: 'editor', notifyFeedback: true })
    const notOpted = await verifiedMember('editor-out', { role: 'editor' })
    const member = await verifiedMember('member-in', { notifyFeedback: true })
    const result = await runAction(sendFeedback, { name: '路过的读者', email: '', body: '第三节的推导少了一步。', website: '' }, requestAs(null, '198.51.100.130'))
    expect(result).toMatchObject({ ok: true })
    const [mail, ...more] = await mailTo(opted.email)
    expect(more).toHaveLength(0)
    expect(mail!.subject).toBe('格物志 收到一条新留言')
    expect(mail!.text).toContain('> 第三节的推导少了一步。')
    expect(mail!.text).toContain(`${env.SITE_URL}/admin/feedback`)
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click')
    expect(await mailTo(notOpted.email)).toHaveLength(0)
    expect(await mailTo(member.email)).toHaveLength(0)
  })
})
