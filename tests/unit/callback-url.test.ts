import { describe, expect, it } from 'vitest'
import { safeCallbackPath } from '@/lib/auth/callback-url'

const origin = 'https://gewuzhi.example'

describe('safeCallbackPath', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeCallbackPath('/archives/attention?page=2#eq-3', origin)).toBe('/archives/attention?page=2#eq-3')
    expect(safeCallbackPath('/account', origin)).toBe('/account')
  })

  it('accepts absolute URLs of this origin, as next-auth sends them, and returns the path', () => {
    expect(safeCallbackPath('https://gewuzhi.example/archives?x=1', origin)).toBe('/archives?x=1')
  })

  it.each([
    'https://evil.example/',
    'http://gewuzhi.example/archives',
    'https://gewuzhi.example.evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'data:text/html,hi',
    'archives',
    '',
  ])('sends %j home instead', (target) => {
    expect(safeCallbackPath(target, origin)).toBe('/')
  })

  it('does not return to the sign-in, registration or farewell pages', () => {
    expect(safeCallbackPath('/login?callbackUrl=/account', origin)).toBe('/')
    expect(safeCallbackPath('/register', origin)).toBe('/')
    expect(safeCallbackPath('/account/deleted', origin)).toBe('/')
    expect(safeCallbackPath('/loginhelp', origin)).toBe('/loginhelp')
  })

  it('ignores values that are not strings and uses the given fallback', () => {
    expect(safeCallbackPath(undefined, origin)).toBe('/')
    expect(safeCallbackPath(['/a'], origin)).toBe('/')
    expect(safeCallbackPath('https://evil.example', origin, '/account')).toBe('/account')
  })
})
