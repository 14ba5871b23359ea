import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import nextConfig from '@/next.config.mjs'
import { config } from '@/proxy'
import { hasMalformedPercentEncoding } from '@/lib/security/url-encoding'
import { naughtyStrings, xssPayloads } from '@/tests/support/hostile-input'

/**
 * proxy.ts runs for the pages it lists and, through one pattern, for paths
 * whose percent-encoding is broken. The pattern is compiled here as Next.js
 * compiles it and compared with decodeURIComponent, the decoder that fails
 * inside Next.js, on well-formed and broken paths alike.
 */
// Next.js's own compilation of `config.matcher` (an internal module without type declarations).
const { getMiddlewareMatchers } = createRequire(import.meta.url)('next/dist/build/analysis/get-page-static-info.js') as {
  getMiddlewareMatchers: (matcher: unknown, nextConfig: unknown) => { regexp: string; has?: unknown[] }[]
}
const matchers = getMiddlewareMatchers(config.matcher, { ...nextConfig, i18n: null, basePath: '' })
  // Matchers with conditions (the server-action header) do not apply to a plain GET.
  .filter((matcher) => !matcher.has)
  .map((matcher) => new RegExp(matcher.regexp))

function proxied(pathname: string): boolean {
  return matchers.some((matcher) => matcher.test(pathname))
}

/** Percent-encodes raw bytes, as a client may put anything into a URL. */
function encodeBytes(bytes: Iterable<number>): string {
  return [...bytes].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('')
}

// A fixed pseudo-random sequence, so a failure can be reproduced.
function* randomBytes(seed: number, count: number) {
  let state = seed
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    // Mostly bytes around the UTF-8 boundaries, where decoders disagree.
    yield [0x2f, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0][state % 17]!
  }
}

describe('the proxy matcher for broken percent-encoding', () => {
  it('leaves every well-formed article, tag and category path to the static pages', () => {
    for (const value of [...naughtyStrings, ...xssPayloads, '数学研究', 'ζ函数']) {
      for (const path of [`/archives/${encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'))}`, `/tag/${encodeURI(Buffer.from(value, 'utf8').toString('utf8'))}`]) {
        expect(proxied(path), path).toBe(false)
      }
    }
  })

  it('catches exactly the paths decodeURIComponent refuses', () => {
    const paths = ['/archives/%', '/archives/%zz', '/tag/%E0%A4%A', '/category/%C0%AF', '/a%', '/series/%ED%A0%80', '/x/%F4%90%80%80', '/x/%E6%95%B0']
    for (let seed = 1; seed <= 3000; seed++) paths.push(`/tag/${encodeBytes(randomBytes(seed, 1 + (seed % 6)))}`)
    let broken = 0
    for (const path of paths) {
      const refused = hasMalformedPercentEncoding(path)
      if (refused) broken += 1
      // The pages listed by name are proxied anyway; this is about the pattern.
      expect(proxied(path), path).toBe(refused)
    }
    expect(broken).toBeGreaterThan(1000)
    expect(paths.length - broken).toBeGreaterThan(100)
  })

  it('still routes the pages rendered per request through the proxy', () => {
    for (const path of ['/login', '/account', '/admin/feedback', '/api/health']) expect(proxied(path), path).toBe(true)
    expect(proxied('/archives/attention')).toBe(false)
  })
})
