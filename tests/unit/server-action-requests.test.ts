import { describe, expect, it } from 'vitest'
import nextConfig from '@/next.config.mjs'
import {
  SERVER_ACTION_BODY_LIMIT,
  SERVER_ACTION_BODY_LIMIT_BYTES,
  serverActionBodyRefusal,
  serverActionRefusal,
} from '@/lib/security/server-action-requests'
import { hasNulInQuery } from '@/lib/security/url-encoding'

function actionPost(headers: Record<string, string> = {}) {
  return serverActionRefusal(
    'POST',
    new Headers({
      'next-action': '7f00',
      host: 'blog.example',
      origin: 'https://blog.example',
      'content-length': '300',
      'content-type': 'multipart/form-data; boundary=b',
      ...headers,
    }),
  )
}

describe('server-action requests the proxy refuses', () => {
  it('uses the body limit set explicitly in next.config.mjs', () => {
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(SERVER_ACTION_BODY_LIMIT)
    // Next.js reads '64kb' as 64 × 1024 bytes.
    expect(SERVER_ACTION_BODY_LIMIT).toBe(`${SERVER_ACTION_BODY_LIMIT_BYTES / 1024}kb`)
    // Room for the largest legitimate form: 5,000 characters of four-byte UTF-8, plus the multipart framing.
    expect(SERVER_ACTION_BODY_LIMIT_BYTES).toBeGreaterThan(5_000 * 4 + 4_096)
  })

  it('lets a same-origin form of legitimate size through', () => {
    expect(actionPost()).toBeNull()
    expect(actionPost({ 'content-length': String(SERVER_ACTION_BODY_LIMIT_BYTES) })).toBeNull()
    // Behind a proxy that forwards the public host, as Next.js compares it.
    expect(actionPost({ host: 'localhost:3000', 'x-forwarded-host': 'blog.example, internal' })).toBeNull()
    // Scripts without an Origin carry no victim's cookies; Next.js lets them through too.
    const withoutOrigin = { 'next-action': '7f00', host: 'blog.example', 'content-length': '300', 'content-type': 'multipart/form-data; boundary=b' }
    expect(serverActionRefusal('POST', new Headers(withoutOrigin))).toBeNull()
  })

  it('refuses another site, an opaque origin and a malformed one with 403', () => {
    for (const origin of ['https://evil.example', 'null', 'not a url', 'https://blog.example.evil.example']) {
      expect(actionPost({ origin })?.status, origin).toBe(403)
    }
  })

  it('refuses bodies over the limit with 413 and without a length with 411', () => {
    expect(actionPost({ 'content-length': String(SERVER_ACTION_BODY_LIMIT_BYTES + 1) })).toEqual({ status: 413, reason: '请求内容超过 64kb' })
    expect(serverActionRefusal('POST', new Headers({ 'next-action': '7f00', host: 'blog.example', origin: 'https://blog.example' }))?.status).toBe(411)
    expect(actionPost({ 'content-length': '1e9' })?.status).toBe(411)
  })

  it('treats a multipart POST without Next-Action as a form that may name an action, as Next.js does', () => {
    const form = (headers: Record<string, string>) =>
      serverActionRefusal('POST', new Headers({ 'content-type': 'multipart/form-data; boundary=b', host: 'blog.example', ...headers }))
    expect(form({ 'content-length': '100000' })).toEqual({ status: 413, reason: '请求内容超过 64kb' })
    expect(form({ 'content-length': '2000000' })?.status).toBe(413)
    expect(form({})?.status).toBe(411)
    expect(form({ 'content-length': '300', origin: 'https://evil.example' })?.status).toBe(403)
    expect(form({ 'content-length': '300' })).toBeNull()
  })

  it('refuses a request naming an action whose body is not multipart with 400', () => {
    for (const type of ['text/plain;charset=UTF-8', 'application/json', 'application/x-www-form-urlencoded']) {
      expect(actionPost({ 'content-type': type }), type).toEqual({ status: 400, reason: '提交的内容不是表单' })
    }
    expect(actionPost({ 'content-type': '' })).toEqual({ status: 400, reason: '提交的内容不是表单' })
    expect(actionPost({ 'content-type': 'multipart/form-data; boundary=b' })).toBeNull()
  })

  it('leaves everything that is not a server-action POST alone', () => {
    expect(serverActionRefusal('GET', new Headers({ 'next-action': '7f00', origin: 'https://evil.example' }))).toBeNull()
    expect(serverActionRefusal('POST', new Headers({ origin: 'https://evil.example', 'content-length': '10000000' }))).toBeNull()
    expect(serverActionRefusal('POST', new Headers({ 'content-type': 'application/x-www-form-urlencoded', 'content-length': '10000000' }))).toBeNull()
  })
})

describe('server-action bodies the proxy refuses', () => {
  function post(body: string, contentType: string, action = true) {
    return new Request('https://blog.example/feedback', {
      method: 'POST',
      headers: { 'content-type': contentType, ...(action ? { 'next-action': '7f00' } : {}) },
      body,
    })
  }
  const multipart = (parts: Record<string, string>) =>
    Object.entries(parts)
      .map(([name, value]) => `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('') + '--b--\r\n'
  const type = 'multipart/form-data; boundary=b'

  it('lets a form with its argument list through, and a form sent without JavaScript', async () => {
    expect(await serverActionBodyRefusal(post(multipart({ _1_name: '林析', 0: '[null,"$K1"]' }), type))).toBeNull()
    expect(await serverActionBodyRefusal(post(multipart({ $ACTION_ID_7f00: '', name: '林析' }), type, false))).toBeNull()
  })

  it.each([
    ['cut off in a field', '--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n['],
    ['without parts', ''],
    ['without the argument list', multipart({ _1_name: 'x' })],
    ['with an argument list that is not JSON', multipart({ 0: '[null,' })],
    ['with an argument list that is an object', multipart({ 0: '{"a":1}' })],
  ])('refuses a form %s with 400', async (_, body) => {
    expect(await serverActionBodyRefusal(post(body, type))).toEqual({ status: 400, reason: '提交的表单无法解析' })
  })

  it('refuses an unparseable form without Next-Action too, which Next.js would fail on', async () => {
    const unparseable = '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx'
    expect(await serverActionBodyRefusal(post(unparseable, type, false))).toEqual({ status: 400, reason: '提交的表单无法解析' })
    expect(await serverActionBodyRefusal(post('abc', 'multipart/form-data', false))).toEqual({ status: 400, reason: '提交的表单无法解析' })
  })
})

describe('query strings the proxy refuses', () => {
  it('finds NUL in any name or value, and nothing else', () => {
    expect(hasNulInQuery(new URLSearchParams('q=a%00b'))).toBe(true)
    expect(hasNulInQuery(new URLSearchParams('q=a&q=%00'))).toBe(true)
    expect(hasNulInQuery(new URLSearchParams('%00=a'))).toBe(true)
    const others = Array.from({ length: 0x1f }, (_, code) => encodeURIComponent(String.fromCharCode(code + 1))).join('')
    expect(hasNulInQuery(new URLSearchParams(`q=${others}%7F%C2%85%E2%80%A8&p=%2500`))).toBe(false)
  })
})
