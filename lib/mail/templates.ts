import { siteConfig } from '@/lib/site/config'

/**
 * Every message the site sends, in Simplified Chinese, as a text part and an
 * HTML part. Whatever a member wrote (display names, comment and feedback
 * bodies) only ever reaches the HTML through `escapeHtml`, or as the
 * sanitized comment HTML the comment renderer produced; and it never reaches a
 * header: subjects are built from our own words and article titles, and go
 * through `headerText` all the same.
 */

export interface MailContent {
  subject: string
  text: string
  html: string
  /** Extra headers, e.g. List-Unsubscribe; values are our own URLs. */
  headers: Record<string, string>
  /** The link the message is about, logged when mail goes to the outbox folder. */
  link: string | null
}

const signature = `—— ${siteConfig.name}`

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** One line of header text: control characters and line breaks become spaces, at most 200 characters. */
export function headerText(text: string): string {
  return Array.from(text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim())
    .slice(0, 200)
    .join('')
}

/** A display name inside running text: one line, never empty. */
function nameInText(name: string): string {
  return headerText(name) || '读者'
}

function layout(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>',
    escapeHtml(title),
    '</title></head>',
    '<body style="font-family: system-ui, -apple-system, \'PingFang SC\', \'Noto Sans CJK SC\', sans-serif; line-height: 1.7; color: #1f2328; max-width: 40em; margin: 0 auto; padding: 1em;">',
    body,
    `<p style="color: #59636e;">${escapeHtml(signature)}</p>`,
    '</body></html>',
  ].join('')
}

function paragraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`
}

function button(href: string, label: string): string {
  return `<p><a href="${escapeHtml(href)}" style="display: inline-block; padding: 0.5em 1.2em; background: #0b5cad; color: #ffffff; border-radius: 4px; text-decoration: none;">${escapeHtml(label)}</a></p>`
}

function linkLine(href: string): string {
  return `<p style="word-break: break-all; color: #59636e;">${escapeHtml('如果按钮无法点击，请把这个地址复制到浏览器：')}<br><a href="${escapeHtml(href)}">${escapeHtml(href)}</a></p>`
}

/** Where a notification's recipient unsubscribes: a page with one button, and the one-click POST target. */
export interface UnsubscribeLinks {
  page: string
  oneClick: string
}

function unsubscribeHeaders(links: UnsubscribeLinks): Record<string, string> {
  // RFC 8058: a mail client may POST "List-Unsubscribe=One-Click" to the URL, no page in between.
  return { 'List-Unsubscribe': `<${links.oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
}

export function verificationMail(input: { name: string; link: string; change: boolean }): MailContent {
  const subject = input.change ? `请确认 ${siteConfig.name} 的新邮箱` : `请验证你在 ${siteConfig.name} 的邮箱`
  const greeting = `${nameInText(input.name)}，你好：`
  const what = input.change
    ? '你在账户页把登录邮箱改成了这个地址。打开下面的链接确认后，新邮箱才会生效；在此之前仍使用原来的邮箱。'
    : '感谢注册。打开下面的链接验证邮箱后，就可以发表评论了。'
  const rules = '链接 24 小时内有效，只能使用一次。'
  const ignore = '如果这不是你本人的操作，请忽略这封邮件，什么都不会改变。'
  return {
    subject: headerText(subject),
    text: [greeting, '', what, rules, '', input.link, '', ignore, '', signature, ''].join('\n'),
    html: layout(subject, [paragraph(greeting), paragraph(what), button(input.link, input.change ? '确认新邮箱' : '验证邮箱'), paragraph(rules), linkLine(input.link), paragraph(ignore)].join('')),
    headers: {},
    link: input.link,
  }
}

export function passwordResetMail(input: { name: string; link: string }): MailContent {
  const subject = `重设 ${siteConfig.name} 的密码`
  const greeting = `${nameInText(input.name)}，你好：`
  const what = '有人（希望是你）请求重设这个账户的密码。打开下面的链接设置新密码：'
  const rules = '链接 30 分钟内有效，只能使用一次。设置新密码后，其他设备上的登录都会退出。'
  const ignore = '如果你没有请求重设密码，请忽略这封邮件，密码不会改变。'
  return {
    subject: headerText(subject),
    text: [greeting, '', what, '', input.link, '', rules, ignore, '', signature, ''].join('\n'),
    html: layout(subject, [paragraph(greeting), paragraph(what), button(input.link, '设置新密码'), paragraph(rules), linkLine(input.link), paragraph(ignore)].join('')),
    headers: {},
    link: input.link,
  }
}

export interface ReplyMailInput {
  recipientName: string
  replierName: string
  postTitle: string
  /** What the replier typed: Markdown with TeX, shown as is in the text part. */
  replyMarkdown: string
  /** The same reply rendered and sanitized by the comment renderer (MathML for formulas). */
  replyHtml: string
  /** The reply's permalink, ending in #comment-<id>. */
  commentUrl: string
  unsubscribe: UnsubscribeLinks
}

export function replyNotificationMail(input: ReplyMailInput): MailContent {
  const subject = `你在《${input.postTitle}》下的评论有了新回复`
  const greeting = `${nameInText(input.recipientName)}，你好：`
  const who = `${nameInText(input.replierName)} 回复了你在《${input.postTitle}》下的评论：`
  const unsubscribe = '不想再收到回复通知？退订：'
  const limit = '同一个讨论串每小时最多通知一次。'
  return {
    subject: headerText(subject),
    text: [
      greeting,
      '',
      who,
      '',
      ...input.replyMarkdown.split(/\r\n|\r|\n/).map((line) => `> ${line}`),
      '',
      `查看并回复：${input.commentUrl}`,
      '',
      limit,
      `${unsubscribe}${input.unsubscribe.page}`,
      '',
      signature,
      '',
    ].join('\n'),
    html: layout(
      subject,
      [
        paragraph(greeting),
        paragraph(who),
        `<blockquote style="margin: 1em 0; padding: 0.2em 1em; border-left: 4px solid #d1d9e0; color: #1f2328;">${input.replyHtml}</blockquote>`,
        button(input.commentUrl, '查看并回复'),
        `<p style="color: #59636e; font-size: 0.9em;">${escapeHtml(limit)}${escapeHtml(unsubscribe)}<a href="${escapeHtml(input.unsubscribe.page)}">退订回复通知</a></p>`,
      ].join(''),
    ),
    headers: unsubscribeHeaders(input.unsubscribe),
    link: input.commentUrl,
  }
}

export interface FeedbackMailInput {
  editorName: string
  senderName: string
  senderEmail: string | null
  body: string
  inboxUrl: string
  unsubscribe: UnsubscribeLinks
}

export function feedbackNotificationMail(input: FeedbackMailInput): MailContent {
  const subject = `${siteConfig.name} 收到一条新留言`
  const greeting = `${nameInText(input.editorName)}，你好：`
  const from = `${nameInText(input.senderName)}${input.senderEmail ? `（${headerText(input.senderEmail)}）` : ''} 留言：`
  const unsubscribe = '不想再收到留言通知？退订：'
  return {
    subject: headerText(subject),
    text: [greeting, '', from, '', ...input.body.split(/\r\n|\r|\n/).map((line) => `> ${line}`), '', `在后台查看：${input.inboxUrl}`, '', `${unsubscribe}${input.unsubscribe.page}`, '', signature, ''].join('\n'),
    html: layout(
      subject,
      [
        paragraph(greeting),
        paragraph(from),
        `<blockquote style="margin: 1em 0; padding: 0.2em 1em; border-left: 4px solid #d1d9e0; white-space: pre-wrap;">${escapeHtml(input.body)}</blockquote>`,
        button(input.inboxUrl, '在后台查看'),
        `<p style="color: #59636e; font-size: 0.9em;">${escapeHtml(unsubscribe)}<a href="${escapeHtml(input.unsubscribe.page)}">退订留言通知</a></p>`,
      ].join(''),
    ),
    headers: unsubscribeHeaders(input.unsubscribe),
    link: input.inboxUrl,
  }
}
