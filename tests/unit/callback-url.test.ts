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

  // More of the same tricks, beyond the list the end-to-end tests also send.
  it.each([
    '/a/%2e%2e//evil.example',
    '/a/b/%2E%2E/%2E%2E//evil.example',
    '/.\\/evil.example',
    '/.//\tevil.example',
    '/\u0000/evil.example',
    '/\u007f/evil.example',
    '/\u000b//evil.example',
    `${origin}:443//evil.example`,
    'https://gewuzhi.example:8443/',
    'https://user@gewuzhi.example/x',
  ])('sends %j to the fallback too', (target) => {
    expect(safeCallbackPath(target, origin, '/account')).toBe('/account')
  })

  it('keeps encoded slashes, backslashes and dots that stay inside one segment, on this site', () => {
    // A browser does not split a segment at %2F or %5C, nor resolve a segment that is only part "..".
    expect(safeCallbackPath('/%2f%2fevil.example', origin)).toBe('/%2f%2fevil.example')
    expect(safeCallbackPath('/%5c%5cevil.example', origin)).toBe('/%5c%5cevil.example')
    expect(safeCallbackPath('/%2e%2e%2f%2fevil.example', origin)).toBe('/%2e%2e%2f%2fevil.example')
    expect(safeCallbackPath('/.%2e/%2fevil.example', origin)).toBe('/%2fevil.example')
  })

  it('refuses backslashes and control characters even where they would resolve harmlessly', () => {
    // Browsers read `\` as `/` and drop tabs and newlines: refuse rather than guess what was meant.
    expect(safeCallbackPath('/a\\b', origin, '/account')).toBe('/account')
    expect(safeCallbackPath('/a\tb', origin, '/account')).toBe('/account')
    expect(safeCallbackPath('/a\nb', origin, '/account')).toBe('/account')
    expect(safeCallbackPath('/ab', origin, '/account')).toBe('/ab')
  })

  it('takes the bare origin, without a path, as its home page rather than the fallback', () => {
    expect(safeCallbackPath(origin, origin, '/account')).toBe('/')
    expect(safeCallbackPath(`${origin}/`, origin, '/account')).toBe('/')
    expect(safeCallbackPath(`${origin}.evil.example`, origin, '/account')).toBe('/account')
  })

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
    expect(safeCallbackPath('/login/', origin)).toBe('/')
    expect(safeCallbackPath('/register/confirm', origin)).toBe('/')
    expect(safeCallbackPath('/account/deleted/', origin)).toBe('/')
    expect(safeCallbackPath('/account', origin)).toBe('/account')
    expect(safeCallbackPath('/account/settings', origin)).toBe('/account/settings')
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
