import { describe, expect, it } from 'vitest'
import nextConfig from '@/next.config.mjs'
import { baseContentSecurityPolicy, inlineScripts, prerenderedPagePolicy, sha256Source, withPolicyMeta } from '@/lib/security/csp'

describe('content security policy', () => {
  it('sends the same base policy from next.config.mjs as lib/security/csp.ts defines', async () => {
    const rules = (await nextConfig.headers?.()) ?? []
    const all = rules.find((rule) => rule.source === '/:path*')
    expect(all?.headers.find((h) => h.key === 'Content-Security-Policy')?.value).toBe(baseContentSecurityPolicy)
  })

  it('hashes executable inline scripts only, not external or JSON-LD ones', () => {
    const html = '<script>a()</script><script src="/x.js"></script><script type="application/ld+json">{"@type":"X"}</script><script id="b">b()</script>'
    expect(inlineScripts(html)).toEqual(['a()', 'b()'])
  })

  it('writes the page policy first in <head>, replacing an earlier one', () => {
    const html = '<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/><script>boot()</script></head><body><script>x()</script></body></html>'
    const once = withPolicyMeta(html)
    const policy = prerenderedPagePolicy([sha256Source('boot()'), sha256Source('x()')])
    expect(once).toContain(`<head><meta http-equiv="Content-Security-Policy" content="${policy}"/><meta charSet="utf-8"/>`)
    expect(withPolicyMeta(once)).toBe(once)
    expect(policy).not.toContain('unsafe-inline')
  })
})
