import { describe, expect, it } from 'vitest'
import { formatWaitTime, rateLimitMessage } from '@/lib/rate-limit/retry-message'
import { longestRateLimitWindowSeconds, rateLimitRules, type RateLimitRule } from '@/lib/rate-limit/rules'
import { decide, lookback } from '@/lib/rate-limit/sliding-window'

const rule: RateLimitRule = {
  name: 'test',
  windows: [
    { limit: 3, seconds: 60 },
    { limit: 5, seconds: 3600 },
  ],
}

describe('sliding windows', () => {
  it('allows until a window holds its limit', () => {
    expect(decide(rule, [])).toEqual({ allowed: true })
    expect(decide(rule, [1, 2])).toEqual({ allowed: true })
    expect(decide(rule, [1, 2, 3])).toEqual({ allowed: false, retryAfterSeconds: 57 })
  })

  it('frees a slot when the oldest counted event leaves the window', () => {
    expect(decide(rule, [10, 20, 59.5])).toEqual({ allowed: false, retryAfterSeconds: 1 })
    expect(decide(rule, [10, 20, 61])).toEqual({ allowed: true })
  })

  it('makes repeat offenders wait for the longer window', () => {
    // Within the minute only two, but five within the hour: wait until the fifth newest is an hour old.
    expect(decide(rule, [61, 70, 80, 90, 600])).toEqual({ allowed: false, retryAfterSeconds: 3000 })
  })

  it('looks back as far and as many events as the largest window needs', () => {
    expect(lookback(rule)).toEqual({ events: 5, seconds: 3600 })
  })
})

describe('the configured rules', () => {
  it('let 8 failed sign-ins per account through, then escalate', () => {
    expect(rateLimitRules.signInFailuresPerAccount.windows.map((window) => window.limit)).toEqual([8, 16, 32])
  })

  it('leave room for one full account lockout before the IP limit of the same client', () => {
    const [account] = rateLimitRules.signInFailuresPerAccount.windows
    const [ip] = rateLimitRules.signInFailuresPerIp.windows
    expect(ip.limit).toBeGreaterThan(account.limit)
  })

  it('allow 3 registrations per IP per day', () => {
    expect(rateLimitRules.registrationsPerIp.windows).toEqual([{ limit: 3, seconds: 86_400 }])
  })

  it('limit feedback per client address and per member alike', () => {
    expect(rateLimitRules.feedbackPerIp.windows).toEqual([
      { limit: 5, seconds: 600 },
      { limit: 20, seconds: 86_400 },
    ])
    expect(rateLimitRules.feedbackPerMember.windows).toEqual(rateLimitRules.feedbackPerIp.windows)
    expect(rateLimitRules.feedbackPerMember.name).not.toBe(rateLimitRules.feedbackPerIp.name)
  })

  it('know how long events matter', () => {
    expect(longestRateLimitWindowSeconds).toBe(86_400)
  })
})

describe('retry messages', () => {
  it('round up to seconds, minutes, hours or days', () => {
    expect(formatWaitTime(0.2)).toBe('1 秒')
    expect(formatWaitTime(45)).toBe('45 秒')
    expect(formatWaitTime(60)).toBe('1 分钟')
    expect(formatWaitTime(61)).toBe('2 分钟')
    expect(formatWaitTime(900)).toBe('15 分钟')
    expect(formatWaitTime(3600)).toBe('1 小时')
    expect(formatWaitTime(86_400)).toBe('24 小时')
    expect(formatWaitTime(3 * 86_400)).toBe('3 天')
  })

  it('say what happened and when to retry', () => {
    expect(rateLimitMessage(900)).toBe('操作过于频繁，请在 15 分钟后重试')
    expect(rateLimitMessage(30, '失败次数过多')).toBe('失败次数过多，请在 30 秒后重试')
  })
})
