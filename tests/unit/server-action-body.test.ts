import { describe, expect, it } from 'vitest'
import nextConfig from '@/next.config.mjs'
import { SERVER_ACTION_BODY_LIMIT, SERVER_ACTION_BODY_LIMIT_BYTES, serverActionBodyRefusal } from '@/lib/security/server-action-body'

function actionHeaders(extra: Record<string, string> = {}): Headers {
  return new Headers({ 'next-action': '7f00', ...extra })
}

describe('server action body size', () => {
  it('is set explicitly in next.config.mjs, to the limit the proxy enforces', () => {
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(SERVER_ACTION_BODY_LIMIT)
    // Next.js reads '64kb' as 64 × 1024 bytes.
    expect(SERVER_ACTION_BODY_LIMIT).toBe(`${SERVER_ACTION_BODY_LIMIT_BYTES / 1024}kb`)
    // Room for the largest legitimate form: 5,000 characters of four-byte UTF-8, plus the multipart framing.
    expect(SERVER_ACTION_BODY_LIMIT_BYTES).toBeGreaterThan(5_000 * 4 + 4_096)
  })

  it('refuses action posts over the limit with 413 and without a length with 411', () => {
    expect(serverActionBodyRefusal('POST', actionHeaders({ 'content-length': String(SERVER_ACTION_BODY_LIMIT_BYTES) }))).toBeNull()
    expect(serverActionBodyRefusal('POST', actionHeaders({ 'content-length': String(SERVER_ACTION_BODY_LIMIT_BYTES + 1) }))).toBe(413)
    expect(serverActionBodyRefusal('POST', actionHeaders())).toBe(411)
    expect(serverActionBodyRefusal('POST', actionHeaders({ 'content-length': '1e9' }))).toBe(411)
  })

  it('leaves everything that is not a server-action POST alone', () => {
    expect(serverActionBodyRefusal('GET', actionHeaders())).toBeNull()
    expect(serverActionBodyRefusal('POST', new Headers({ 'content-length': '10000000' }))).toBeNull()
  })
})
