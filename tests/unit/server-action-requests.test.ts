import { describe, expect, it } from 'vitest'
import nextConfig from '@/next.config.mjs'
import { SERVER_ACTION_BODY_LIMIT, SERVER_ACTION_BODY_LIMIT_BYTES, serverActionRefusal } from '@/lib/security/server-action-requests'

function actionPost(headers: Record<string, string> = {}) {
  return serverActionRefusal('POST', new Headers({ 'next-action': '7f00', host: 'blog.example', origin: 'https://blog.example', 'content-length': '300', ...headers }))
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
    expect(serverActionRefusal('POST', new Headers({ 'next-action': '7f00', host: 'blog.example', 'content-length': '300' }))).toBeNull()
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

  it('leaves everything that is not a server-action POST alone', () => {
    expect(serverActionRefusal('GET', new Headers({ 'next-action': '7f00', origin: 'https://evil.example' }))).toBeNull()
    expect(serverActionRefusal('POST', new Headers({ origin: 'https://evil.example', 'content-length': '10000000' }))).toBeNull()
  })
})
