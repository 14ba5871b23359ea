import { afterEach, describe, expect, it, vi } from 'vitest'

// lib/env reads the environment once, on import: load the module fresh per case.
async function cookieSettingsFor(siteUrl: string) {
  vi.resetModules()
  vi.stubEnv('SITE_URL', siteUrl)
  vi.stubEnv('AUTH_SECRET', 'x'.repeat(32))
  const { sessionCookieSettings } = await import('@/lib/auth/session-cookie')
  return sessionCookieSettings()
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax and Secure, with the __Secure- prefix, on an https site', async () => {
    expect(await cookieSettingsFor('https://gewuzhi.example')).toEqual({
      name: '__Secure-next-auth.session-token',
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true },
    })
  })

  it('drops only Secure on plain http, e.g. http://localhost during development', async () => {
    expect(await cookieSettingsFor('http://localhost:3000')).toEqual({
      name: 'next-auth.session-token',
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: false },
    })
  })
})
