import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toString } from 'hast-util-to-string'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderCommentBody } from '@/lib/comments/render-comment'
import { renderReplyForMail } from '@/lib/mail/notifications'
import { feedbackNotificationMail, headerText, replyNotificationMail, type MailContent } from '@/lib/mail/templates'
import { createMailSender, type MailSender } from '@/lib/mail/transport'
import { naughtyStrings, xssPayloads } from '@/tests/support/hostile-input'
import { SmtpCatcher, type CaughtMail } from '@/tests/support/smtp-catcher'

/**
 * Whatever members write (display names, comment and feedback bodies: the Big
 * List of Naughty Strings and the XSS set) goes through the templates and a
 * real SMTP conversation without adding a header, a recipient or markup.
 */

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

const hostile = [...new Set([...xssPayloads, ...naughtyStrings])]
const unsubscribe = { page: 'http://localhost:3000/unsubscribe?token=t', oneClick: 'http://localhost:3000/api/unsubscribe?token=t' }

// What the templates themselves write, and the comment renderer's allow-list; nothing else may appear.
const allowedElements = new Set([
  'html', 'head', 'meta', 'title', 'body', 'p', 'a', 'br', 'blockquote',
  'em', 'strong', 'del', 'code', 'pre', 'ul', 'ol', 'li', 'span', 'div', 'hr',
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msup', 'msub', 'msubsup', 'mfrac', 'msqrt', 'mroot',
  'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'mstyle', 'mpadded', 'mphantom', 'menclose', 'merror', 'mmultiscripts', 'mprescripts', 'none',
])

function elements(tree: Root | Element): Element[] {
  return tree.children.flatMap((child) => (child.type === 'element' ? [child, ...elements(child)] : []))
}

function htmlProblems(html: string): string[] {
  const tree = fromHtml(html)
  const problems: string[] = []
  for (const element of elements(tree)) {
    if (!allowedElements.has(element.tagName)) problems.push(`<${element.tagName}>`)
    for (const [name, value] of Object.entries(element.properties)) {
      if (/^on/i.test(name)) problems.push(`${element.tagName}[${name}]`)
      if (name === 'href' && !/^(https?:|mailto:|#)/.test(String(value))) problems.push(`href=${String(value)}`)
    }
  }
  return problems
}

function textOf(html: string): string {
  return toString(fromHtml(html))
}

async function sendAll(contents: MailContent[], to: string): Promise<CaughtMail[]> {
  const before = catcher.to(to).length
  // Sixteen SMTP conversations at a time; the message id says which string each one carried.
  for (let start = 0; start < contents.length; start += 16) {
    await Promise.all(
      contents.slice(start, start + 16).map((content, offset) =>
        sender.send({ id: start + offset + 1, from: '格物志 <noreply@localhost>', to, subject: content.subject, text: content.text, html: content.html, headers: content.headers, link: content.link }),
      ),
    )
  }
  const received = catcher.to(to).slice(before)
  expect(received).toHaveLength(contents.length)
  return received.sort((a, b) => idOf(a) - idOf(b))
}

function idOf(mail: CaughtMail): number {
  return Number(/^<outbox-(\d+)@/.exec(mail.messageId)?.[1] ?? Number.NaN)
}

const expectedHeaders = [
  'content-type', 'date', 'from', 'list-unsubscribe', 'list-unsubscribe-post', 'message-id', 'mime-version', 'subject', 'to',
].sort()

/** What the comment section stores for a body (a refused one is never stored, so never mailed). */
function storedHtml(body: string): string {
  const rendered = renderCommentBody(body, { macros: { '\\R': '\\mathbb{R}' }, labels: {} })
  return rendered.ok ? rendered.html : ''
}

describe('hostile names and bodies in mail', () => {
  it(`keep to the reply template: ${hostile.length} strings as display names and reply bodies`, async () => {
    const contents: MailContent[] = []
    for (const value of hostile) {
      contents.push(
        replyNotificationMail({
          recipientName: value,
          replierName: value,
          postTitle: 'RoPE 的复数推导',
          replyMarkdown: value,
          replyHtml: renderReplyForMail(storedHtml(value)),
          commentUrl: 'http://localhost:3000/archives/rope-from-complex-numbers#comment-1',
          unsubscribe,
        }),
      )
    }
    const received = await sendAll(contents, 'reader@example.test')
    for (const [index, mail] of received.entries()) {
      const value = hostile[index]!
      const context = `reply mail for ${JSON.stringify(value)}`
      expect(mail.envelopeTo, context).toEqual(['reader@example.test'])
      expect(Object.keys(mail.headers).filter((name) => name !== 'content-transfer-encoding').sort(), context).toEqual(expectedHeaders)
      expect(mail.subject, context).toBe('你在《RoPE 的复数推导》下的评论有了新回复')
      expect(htmlProblems(mail.html), context).toEqual([])
      // The name is shown as the text it is (one line), never as markup.
      expect(textOf(mail.html), context).toContain(`${headerText(value) || '读者'} 回复了你`)
    }
  })

  it(`keep to the feedback template: ${hostile.length} strings as names and messages`, async () => {
    const contents = hostile.map((value) =>
      feedbackNotificationMail({ editorName: '编辑', senderName: value, senderEmail: null, body: value, inboxUrl: 'http://localhost:3000/admin/feedback', unsubscribe }),
    )
    const received = await sendAll(contents, 'editor@example.test')
    for (const [index, mail] of received.entries()) {
      const value = hostile[index]!
      const context = `feedback mail for ${JSON.stringify(value)}`
      expect(mail.envelopeTo, context).toEqual(['editor@example.test'])
      expect(Object.keys(mail.headers).filter((name) => name !== 'content-transfer-encoding').sort(), context).toEqual(expectedHeaders)
      expect(mail.subject, context).toBe('格物志 收到一条新留言')
      expect(htmlProblems(mail.html), context).toEqual([])
      // The message is quoted as text, whole.
      const quoted = fromHtml(mail.html)
      const blockquote = elements(quoted).find((element) => element.tagName === 'blockquote')
      expect(toString(blockquote!).replace(/\r\n?/g, '\n'), context).toBe(value.replace(/\r\n?/g, '\n'))
    }
  })

  it('strip line breaks from anything that could reach a header', () => {
    expect(headerText('标题\r\nBcc: victim@example.com')).toBe('标题 Bcc: victim@example.com')
    expect(headerText('a\u2028b\u0000c')).toBe('a b c')
    expect(Array.from(headerText('长'.repeat(500)))).toHaveLength(200)
  })
})
