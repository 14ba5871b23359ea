import { describe, expect, it } from 'vitest'
import { EnvError, parseEnv } from '@/lib/env/schema'

describe('parseEnv', () => {
  it('needs nothing for a local install and derives the site URL from the port', () => {
    const env = parseEnv({ PORT: '4000' })
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.SITE_URL).toBe('http://localhost:4000')
    expect(env.PGLITE_DIR).toBe('.data/pglite')
    expect(env.isProductionDeployment).toBe(false)
  })

  it('treats empty values as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', SITE_URL: '', ADMIN_EMAILS: '' })
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.ADMIN_EMAILS).toEqual([])
  })

  it('splits and lowercases ADMIN_EMAILS', () => {
    expect(parseEnv({ ADMIN_EMAILS: ' Ada@Example.com, ,bob@example.com' }).ADMIN_EMAILS).toEqual([
      'ada@example.com',
      'bob@example.com',
    ])
  })

  it('rejects a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://localhost/db' })).toThrow(/DATABASE_URL/)
  })

  it('names each missing variable in production with PostgreSQL', () => {
    const run = () =>
      parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/blog', SITE_URL: 'https://example.org' })
    expect(run).toThrow(EnvError)
    try {
      run()
    } catch (error) {
      expect((error as EnvError).problems).toEqual([
        'AUTH_SECRET: required in production with DATABASE_URL (see .env.example)',
      ])
    }
  })

  it('accepts production with PostgreSQL when secret and URL are given', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://db/blog',
      SITE_URL: 'https://example.org/',
      AUTH_SECRET: 'x'.repeat(32),
    })
    expect(env.isProductionDeployment).toBe(true)
    expect(env.SITE_URL).toBe('https://example.org')
  })

  it('rejects a short AUTH_SECRET', () => {
    expect(() => parseEnv({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET: must be at least 32/)
  })

  it('sends no mail by default and names the sender after the site', () => {
    const env = parseEnv({ SITE_URL: 'https://blog.example.org' })
    expect(env.SMTP_URL).toBeUndefined()
    expect(env.MAIL_FROM).toBe('格物志 <noreply@blog.example.org>')
  })

  it('accepts smtp:// and smtps:// mail servers and refuses anything else', () => {
    expect(parseEnv({ SMTP_URL: 'smtps://user:pass@smtp.example.com:465' }).SMTP_URL).toBe('smtps://user:pass@smtp.example.com:465')
    expect(parseEnv({ SMTP_URL: 'smtp://127.0.0.1:2525' }).SMTP_URL).toBe('smtp://127.0.0.1:2525')
    expect(() => parseEnv({ SMTP_URL: 'http://smtp.example.com' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/)
  })

  it('refuses a MAIL_FROM that is not an address or could break a header', () => {
    expect(parseEnv({ MAIL_FROM: '站务 <site@example.org>' }).MAIL_FROM).toBe('站务 <site@example.org>')
    expect(parseEnv({ MAIL_FROM: 'site@example.org' }).MAIL_FROM).toBe('site@example.org')
    expect(() => parseEnv({ MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM/)
    expect(() => parseEnv({ MAIL_FROM: 'x <a@b.c>\r\nBcc: c@d.e' })).toThrow(/MAIL_FROM/)
  })
})
