import { NextRequest } from 'next/server'
import { describe, expect, it } from 'vitest'
import { authRequestRefusal, withParseableCallbackQuery } from '@/lib/auth/auth-requests'
import { hostileReturnAddresses } from '@/tests/support/hostile-return-addresses'

function request(method: string, init: { body?: string; contentType?: string; cookie?: string; query?: string } = {}) {
  return new NextRequest(`https://gewuzhi.example/api/auth/x${init.query ?? ''}`, {
    method,
    headers: { ...(init.contentType ? { 'content-type': init.contentType } : {}), ...(init.cookie ? { cookie: init.cookie } : {}) },
    body: init.body,
  })
}

describe('requests to next-auth that get a 4xx from us instead of its 500', () => {
  it('answers GET on the credentials callback with 405, naming POST', async () => {
    const response = await authRequestRefusal(request('GET'), ['callback', 'credentials'])
    expect(response?.status).toBe(405)
    expect(response?.headers.get('allow')).toBe('POST')
    expect(await response?.json()).toEqual({ error: '邮箱和密码登录只接受 POST 请求' })
    expect(await authRequestRefusal(request('GET'), ['callback', 'github'])).toBeNull()
  })

  it.each(['{bad', '', '{"email":', "{'a':1}", '[1,]', 'undefined'])('answers a JSON body %j that does not parse with 400', async (body) => {
    const response = await authRequestRefusal(request('POST', { body, contentType: 'application/json; charset=utf-8' }), ['callback', 'credentials'])
    expect(response?.status).toBe(400)
    expect(await response?.json()).toEqual({ error: '请求内容不是有效的 JSON' })
  })

  it('hands well-formed requests to next-auth, with their body still readable', async () => {
    const json = request('POST', { body: '{"email":"a@example.test"}', contentType: 'application/json' })
    expect(await authRequestRefusal(json, ['callback', 'credentials'])).toBeNull()
    expect(await json.json()).toEqual({ email: 'a@example.test' })
    expect(await authRequestRefusal(request('POST', { body: 'a=%zz', contentType: 'application/x-www-form-urlencoded' }), ['signout'])).toBeNull()
    expect(await authRequestRefusal(request('GET'), ['session'])).toBeNull()
  })

  it('refuses a callback cookie next-auth cannot parse with 400, clearing it; leaves parseable ones to the redirect callback', async () => {
    for (const [name, secure] of [['next-auth.callback-url', ''], ['__Secure-next-auth.callback-url', '; Secure']] as const) {
      const response = await authRequestRefusal(request('GET', { cookie: `${name}=${encodeURIComponent('\\\\evil.example')}` }), ['session'])
      expect(response?.status).toBe(400)
      expect(await response?.json()).toEqual({ error: '登录后返回的地址无效，已清除，请重试' })
      expect(response?.headers.get('set-cookie')).toBe(`${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`)
    }
    for (const value of ['https://gewuzhi.example/account', '/account', '//evil.example', 'https://evil.example/']) {
      expect(await authRequestRefusal(request('GET', { cookie: `next-auth.callback-url=${encodeURIComponent(value)}` }), ['session']), value).toBeNull()
    }
  })

  it('replaces every hostile callbackUrl in the query that next-auth cannot parse with the home page, and keeps the body', async () => {
    for (const target of hostileReturnAddresses('https://gewuzhi.example')) {
      const original = request('POST', { query: `?${new URLSearchParams({ callbackUrl: target })}`, body: 'csrfToken=t', contentType: 'application/x-www-form-urlencoded' })
      const handed = withParseableCallbackQuery(original)
      const parseable = target.startsWith('/') || /^https?:\/\//i.test(target) || /^https?:/i.test(target)
      if (handed === original) {
        expect(parseable, target).toBe(true)
      } else {
        expect(handed.nextUrl.searchParams.getAll('callbackUrl'), target).toEqual(['/'])
        expect(handed.method).toBe('POST')
        expect(await handed.text()).toBe('csrfToken=t')
      }
    }
    const repeated = withParseableCallbackQuery(request('GET', { query: '?callbackUrl=%2Faccount&callbackUrl=javascript%3Aalert(1)' }))
    expect(repeated.nextUrl.searchParams.getAll('callbackUrl')).toEqual(['/'])
    const untouched = request('GET', { query: '?callbackUrl=%2Faccount' })
    expect(withParseableCallbackQuery(untouched)).toBe(untouched)
  })
})
