import { afterEach, describe, expect, it } from 'vitest'
import nextConfig from '@/next.config.mjs'
import { baseContentSecurityPolicy, inlineScripts, prerenderedPagePolicy, sha256Source, withPolicyMeta } from '@/lib/security/csp'

/** The base policy as written down in lib/security/csp.ts's trade-offs, spelled out. */
const BASE_POLICY =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self' https://github.com; " +
  "frame-ancestors 'none'; manifest-src 'self'"

describe('content security policy', () => {
  it('sends the base policy from next.config.mjs, the same lib/security/csp.ts exports', async () => {
    const rules = (await nextConfig.headers?.()) ?? []
    const all = rules.find((rule) => rule.source === '/:path*')
    expect(all?.headers.find((h) => h.key === 'Content-Security-Policy')?.value).toBe(BASE_POLICY)
    expect(baseContentSecurityPolicy).toBe(BASE_POLICY)
  })

  it('names a script by the base64 SHA-256 of its text', () => {
    // Computed independently: printf 'boot()' | openssl dgst -sha256 -binary | base64
    expect(sha256Source('boot()')).toBe("'sha256-MeZS89WlF0u+o0hCvHTBt4q1WHU+U+sJKgbdRUc36mY='")
  })

  it('hashes executable inline scripts only, not external or JSON-LD ones', () => {
    const html = '<script>a()</script><script src="/x.js"></script><script type="application/ld+json">{"@type":"X"}</script><script id="b">b()</script>'
    expect(inlineScripts(html)).toEqual(['a()', 'b()'])
  })

  it('writes the page policy first in <head>, replacing an earlier one', () => {
    const html = '<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/><script>boot()</script></head><body><script>x()</script></body></html>'
    const once = withPolicyMeta(html)
    const policy =
      "script-src 'self' 'sha256-MeZS89WlF0u+o0hCvHTBt4q1WHU+U+sJKgbdRUc36mY=' 'sha256-D6IGS8VMvCoyaR/l0h9tERrBTATY01CoPS7l6xDv0kI='; object-src 'none'; base-uri 'self'"
    expect(once).toContain(`<head><meta http-equiv="Content-Security-Policy" content="${policy}"/><meta charSet="utf-8"/>`)
    expect(withPolicyMeta(once)).toBe(once)
    expect(prerenderedPagePolicy([])).toBe("script-src 'self'; object-src 'none'; base-uri 'self'")
  })
})

describe('headers from next.config.mjs, computed at build time', () => {
  const savedSiteUrl = process.env.SITE_URL
  afterEach(() => {
    if (savedSiteUrl === undefined) delete process.env.SITE_URL
    else process.env.SITE_URL = savedSiteUrl
  })

  async function rulesFor(siteUrl: string) {
    process.env.SITE_URL = siteUrl
    return (await nextConfig.headers?.()) ?? []
  }

  it('sends Strict-Transport-Security with every response, prerendered pages included, when SITE_URL is https', async () => {
    const all = (await rulesFor('https://gewuzhi.example')).find((rule) => rule.source === '/:path*')
    expect(all?.headers).toContainEqual({ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' })
  })

  it('sends no Strict-Transport-Security when SITE_URL is http', async () => {
    const rules = await rulesFor('http://localhost:3000')
    expect(rules.flatMap((rule) => rule.headers).filter((header) => header.key === 'Strict-Transport-Security')).toEqual([])
  })

  it('refuses to build with an invalid SITE_URL, naming it', async () => {
    await expect(rulesFor('ftp://gewuzhi.example')).rejects.toThrow(/SITE_URL/)
  })

  it('gives images beside an article the sandbox policy, in a rule after the base one so that it replaces it', async () => {
    const rules = await rulesFor('http://localhost:3000')
    const base = rules.findIndex((rule) => rule.source === '/:path*')
    const assets = rules.findIndex((rule) => rule.source.startsWith('/archives/:slug/:asset'))
    expect(assets).toBeGreaterThan(base)
    expect(rules[assets]?.headers).toEqual([{ key: 'Content-Security-Policy', value: "default-src 'none'; style-src 'unsafe-inline'; sandbox" }])
    expect(rules[assets]?.source).toContain('svg')
  })
})
