import { describe, expect, it } from 'vitest'
import { safeCallbackPath } from '@/lib/auth/callback-url'
import { hostileReturnAddresses } from '@/tests/support/hostile-return-addresses'

const origin = 'https://gewuzhi.example'

describe('safeCallbackPath', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeCallbackPath('/archives/attention?page=2#eq-3', origin)).toBe('/archives/attention?page=2#eq-3')
    expect(safeCallbackPath('/account', origin)).toBe('/account')
    expect(safeCallbackPath('/tag/C%2FC%2B%2B', origin)).toBe('/tag/C%2FC%2B%2B')
  })

  it('accepts absolute URLs of this origin, as next-auth sends them, and returns the path', () => {
    expect(safeCallbackPath('https://gewuzhi.example/archives?x=1', origin)).toBe('/archives?x=1')
    expect(safeCallbackPath('https://gewuzhi.example', origin)).toBe('/')
  })

  it('resolves harmless dot segments to the path a browser would open', () => {
    expect(safeCallbackPath('/archives/../account', origin)).toBe('/account')
    expect(safeCallbackPath('/a/./b', origin)).toBe('/a/b')
    // An encoded slash is part of a segment, not a separator: it stays on this site.
    expect(safeCallbackPath('/%2F/evil.example', origin)).toBe('/%2F/evil.example')
  })

  it.each(hostileReturnAddresses(origin))('sends %j home instead', (target) => {
    expect(safeCallbackPath(target, origin)).toBe('/')
  })

  it.each(['/..//evil.example', '/.//evil.example', '/a/..//x', '/%2e//x', `${origin}//evil.example`])(
    'sends %j to the given fallback, never to the normalised `//host`',
    (target) => {
      expect(safeCallbackPath(target, origin, '/account')).toBe('/account')
    },
  )

  it('returns only addresses it would return again unchanged', () => {
    for (const target of ['/archives/../account?x=1#y', '/a/./b', '/%2F/x', '/搜索?q=矩阵', 'https://gewuzhi.example/a b']) {
      const once = safeCallbackPath(target, origin)
      expect(once).toMatch(/^\/(?![/\\])/)
      expect(safeCallbackPath(once, origin)).toBe(once)
    }
  })

  it('does not return to the sign-in, registration or farewell pages', () => {
    expect(safeCallbackPath('/login?callbackUrl=/account', origin)).toBe('/')
    expect(safeCallbackPath('/register', origin)).toBe('/')
    expect(safeCallbackPath('/account/deleted', origin)).toBe('/')
    expect(safeCallbackPath('/a/../login', origin)).toBe('/')
    expect(safeCallbackPath('/loginhelp', origin)).toBe('/loginhelp')
  })

  it('ignores values that are not strings, empty or longer than 2,048 characters', () => {
    expect(safeCallbackPath(undefined, origin)).toBe('/')
    expect(safeCallbackPath(['/a'], origin)).toBe('/')
    expect(safeCallbackPath('', origin)).toBe('/')
    expect(safeCallbackPath(`/${'a'.repeat(2047)}`, origin)).toBe(`/${'a'.repeat(2047)}`)
    expect(safeCallbackPath(`/${'a'.repeat(2048)}`, origin)).toBe('/')
    expect(safeCallbackPath('https://evil.example', origin, '/account')).toBe('/account')
  })
})
