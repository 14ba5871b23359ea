import http from 'node:http'
import { randomBytes } from 'node:crypto'
import { SERVER_ACTION_BODY_LIMIT_BYTES } from '@/lib/security/server-action-requests'
import { addressFor, expect, test } from './support/fixtures'
import { actionOutcome, callServerAction, serverActionId } from './support/server-actions'

/**
 * Server actions are endpoints: anyone can POST to them with an action id.
 * Beyond the permission each checks (e2e/authorization-matrix.spec.ts), the
 * server must refuse a request another site's page makes a browser send, and
 * bodies larger than any form, before they are read.
 */

const sendFeedback = () => serverActionId('app/(site)/feedback/actions.ts', 'sendFeedbackAction')
const SENT = '留言已发送，谢谢！编辑会尽快阅读。'

test('a cross-origin POST to a server action is refused, the same POST from our origin is accepted', async ({ request, baseURL, signedInAs }) => {
  const tag = `origin-${randomBytes(4).toString('hex')}`
  const post = (name: string, origin: string) =>
    callServerAction(request, baseURL!, {
      path: '/feedback',
      actionId: sendFeedback(),
      fields: { name, email: '', body: `${tag} 来自 ${origin}`, website: '' },
      headers: { origin },
    })

  // The proxy compares Origin with Host as Next.js does, and answers before the action is read.
  const forged = await post(`${tag} forged`, 'https://evil.example')
  expect(forged.status).toBe(403)
  expect(actionOutcome(forged.text)).toEqual({ ok: null, error: null })
  expect(forged.text).not.toContain(SENT)

  const genuine = await post(`${tag} genuine`, baseURL!)
  expect(genuine.status).toBe(200)
  expect(actionOutcome(genuine.text)).toEqual({ ok: true, error: null })
  expect(genuine.text).toContain(SENT)

  // Only the genuine one reached the inbox.
  const editor = await signedInAs('editor')
  await editor.goto(`/admin/feedback?view=all&q=${encodeURIComponent(tag)}`)
  await expect(editor.getByRole('rowheader')).toHaveText([`${tag} genuine`])
})

test('a server-action body over the limit is refused with 413 before it is read, wherever it is posted', async ({ request, baseURL }) => {
  const tag = `large-${randomBytes(4).toString('hex')}`
  const post = (path: string, body: string) =>
    callServerAction(request, baseURL!, { path, actionId: sendFeedback(), fields: { name: tag, email: '', body, website: '' } })

  for (const path of ['/feedback', '/', '/archives']) {
    const oversized = await post(path, 'x'.repeat(SERVER_ACTION_BODY_LIMIT_BYTES + 1))
    expect(oversized.status, path).toBe(413)
    expect(actionOutcome(oversized.text), path).toEqual({ ok: null, error: null })
  }

  // The largest legitimate message (5,000 characters of four-byte UTF-8) still fits, and is answered as usual.
  const largest = await post('/feedback', '𝑥'.repeat(5_000))
  expect(largest.status).toBe(200)
  expect(actionOutcome(largest.text)).toEqual({ ok: true, error: null })
  // One character too many: refused by the form's rule with a message, not by the size limit.
  const tooLong = await post('/feedback', '𝑥'.repeat(5_001))
  expect(tooLong.status).toBe(200)
  expect(actionOutcome(tooLong.text)).toEqual({ ok: false, error: '请检查标出的内容' })
})

test('a server-action body without a length (chunked) is refused with 411', async ({ baseURL }) => {
  const url = new URL('/feedback', baseURL)
  const status = await new Promise<number>((resolve, reject) => {
    const outgoing = http.request(
      url,
      {
        method: 'POST',
        headers: { 'next-action': sendFeedback(), origin: baseURL!, 'content-type': 'text/plain;charset=UTF-8', 'transfer-encoding': 'chunked' },
      },
      (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
      },
    )
    outgoing.on('error', reject)
    outgoing.write('[null,')
    outgoing.end('"$K1"]')
  })
  expect(status).toBe(411)
})

/** A multipart body by hand, so that tests can send what no browser would. */
function multipart(parts: Record<string, string>, boundary = 'gewuzhi-test-boundary'): { body: string; contentType: string } {
  const body = Object.entries(parts)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('')
  return { body: `${body}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` }
}

test('a server-action request whose body is not a form with an argument list is refused with 400 and says why, never a 500', async ({ request, baseURL }) => {
  const NOT_A_FORM = '提交的内容不是表单'
  const UNREADABLE = '提交的表单无法解析'
  const form = multipart({ _1_name: 'x', _1_body: 'y' })
  const cases: [string, string, string | undefined, string][] = [
    ['an empty array', '[]', 'text/plain;charset=UTF-8', NOT_A_FORM],
    ['text', 'hello', 'text/plain;charset=UTF-8', NOT_A_FORM],
    ['an empty body', '', 'text/plain;charset=UTF-8', NOT_A_FORM],
    ['JSON', '{"name":"x"}', 'application/json', NOT_A_FORM],
    ['an octet stream', '[null,"$K1"]', undefined, NOT_A_FORM],
    ['a multipart body cut off in a field', '--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n[', 'multipart/form-data; boundary=b', UNREADABLE],
    ['a multipart type without a boundary', 'abc', 'multipart/form-data', UNREADABLE],
    ['an empty multipart form', '--b--\r\n', 'multipart/form-data; boundary=b', UNREADABLE],
    ['a form without the argument list', form.body, form.contentType, UNREADABLE],
    ['an argument list that is not JSON', multipart({ _1_name: 'x', 0: '[null,' }).body, form.contentType, UNREADABLE],
    ['an argument list that is not a list', multipart({ _1_name: 'x', 0: '{"a":1}' }).body, form.contentType, UNREADABLE],
  ]
  for (const [what, data, contentType, reason] of cases) {
    const response = await request.post('/feedback', {
      headers: { 'next-action': sendFeedback(), origin: baseURL!, accept: 'text/x-component', ...(contentType ? { 'content-type': contentType } : {}) },
      // A Buffer is sent as it is; Playwright would encode a string as JSON under a JSON type.
      data: Buffer.from(data),
    })
    expect(response.status(), what).toBe(400)
    expect(await response.text(), what).toBe(reason)
  }

  // A well-formed list that hands the action no form: the action itself refuses, with its usual answer.
  const noForm = multipart({ 0: '[]' })
  const empty = await request.post('/feedback', {
    headers: { 'next-action': sendFeedback(), origin: baseURL!, accept: 'text/x-component', 'content-type': noForm.contentType },
    data: noForm.body,
  })
  expect(empty.status()).toBe(200)
  expect(actionOutcome((await empty.body()).toString('utf8'))).toEqual({ ok: false, error: '提交的内容无效，请刷新页面后重试' })
})

test('a plain form POST (no Next-Action) over the limit gets 413 wherever it is sent, even at 2 MB', async ({ request }) => {
  for (const path of ['/feedback', '/', '/archives', '/login']) {
    for (const size of [100_000, 2_000_000]) {
      const { body, contentType } = multipart({ name: 'x'.repeat(size) })
      // A reset connection would reject here instead of answering.
      const response = await request.post(path, { headers: { 'content-type': contentType }, data: body })
      expect(response.status(), `${path} ${size}`).toBe(413)
      expect(await response.text(), `${path} ${size}`).toBe('请求内容超过 64kb')
    }
    const broken = await request.post(path, { headers: { 'content-type': 'multipart/form-data; boundary=b' }, data: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx' })
    expect(broken.status(), `${path} broken`).toBe(400)
    expect(await broken.text(), `${path} broken`).toBe('提交的表单无法解析')
  }
})

test('a form sent without JavaScript (a plain multipart POST naming the action) still reaches its action', async ({ browser, baseURL }, testInfo) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, extraHTTPHeaders: { 'x-forwarded-for': addressFor(testInfo.testId) } })
  try {
    const page = await context.newPage()
    await page.goto('/feedback')
    const form = page.getByRole('form', { name: '留言' })
    await form.getByLabel('称呼').fill('无脚本读者')
    await form.getByLabel('留言内容').fill(`没有 JavaScript 也能留言 ${randomBytes(4).toString('hex')}`)
    await form.getByRole('button', { name: /发送/ }).click()
    await expect(page.getByText(SENT)).toBeVisible()
  } finally {
    await context.close()
  }
})
