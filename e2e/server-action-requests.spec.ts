import http from 'node:http'
import { randomBytes } from 'node:crypto'
import { SERVER_ACTION_BODY_LIMIT_BYTES } from '@/lib/security/server-action-requests'
import { expect, test } from './support/fixtures'
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
