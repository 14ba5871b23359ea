import { describe, expect, it } from 'vitest'
import { messageForSignInError, rateLimitedErrorCode } from '@/lib/auth/sign-in-errors'

describe('sign-in error codes in /login?error=', () => {
  it('shows one message for every wrong combination', () => {
    expect(messageForSignInError('CredentialsSignin')).toBe('邮箱或密码不正确')
  })

  it('carries the waiting time of a limited attempt', () => {
    expect(rateLimitedErrorCode(899.2)).toBe('RateLimited-900')
    expect(messageForSignInError('RateLimited-900')).toBe('失败次数过多，请在 15 分钟后重试')
  })

  it('never shows whatever text the address carries', () => {
    expect(messageForSignInError('<script>alert(1)</script>')).toBe('登录没有成功，请重试')
    expect(messageForSignInError('RateLimited-99999999999')).toBe('登录没有成功，请重试')
  })
})
