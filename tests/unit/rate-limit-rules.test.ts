import fs from 'node:fs'
import path from 'node:path'
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

  it('counts an event exactly one window old as gone', () => {
    expect(decide(rule, [10, 20, 60])).toEqual({ allowed: true })
    expect(decide(rule, [10, 20, 59.999])).toEqual({ allowed: false, retryAfterSeconds: 1 })
    expect(decide(rule, [0, 0, 0])).toEqual({ allowed: false, retryAfterSeconds: 60 })
  })

  it('waits for the window that frees a slot last, when several are full', () => {
    // Minute full (retry in 50 s) and hour full (retry in 3000 s): the later one decides.
    expect(decide(rule, [1, 5, 10, 50, 600])).toEqual({ allowed: false, retryAfterSeconds: 3000 })
    // Hour full but freeing sooner than the minute: the minute decides.
    expect(decide(rule, [1, 2, 3, 4, 3599])).toEqual({ allowed: false, retryAfterSeconds: 57 })
    // Windows listed the other way round decide the same.
    expect(decide({ name: 'reversed', windows: [...rule.windows].reverse() }, [1, 5, 10, 50, 600])).toEqual({ allowed: false, retryAfterSeconds: 3000 })
  })

  it('looks back as far and as many events as the largest window needs', () => {
    expect(lookback(rule)).toEqual({ events: 5, seconds: 3600 })
    // Not necessarily the same window: many events in a short one, few in a long one.
    expect(lookback({ name: 'mixed', windows: [{ limit: 60, seconds: 60 }, { limit: 3, seconds: 86_400 }] })).toEqual({ events: 60, seconds: 86_400 })
  })
})

/**
 * The README's table of limits ("Limits on abuse"), as literals: a number
 * changed in rules.ts, or in the README alone, fails here. Keys are the rules'
 * event-key prefixes, so a renamed key (which silently resets every count) fails too.
 */
const MINUTE = 60
const HOUR = 3600
const DAY = 86_400
const promisedLimits = [
  { readme: 'failed sign-ins per account (also for unknown emails)', text: '8 per 15 minutes, 16 per hour, 32 per day', rule: 'signInFailuresPerAccount', key: 'signin-fail:account', windows: [[8, 15 * MINUTE], [16, HOUR], [32, DAY]] },
  { readme: 'failed sign-ins per client address', text: '10 per minute, 60 per hour', rule: 'signInFailuresPerIp', key: 'signin-fail:ip', windows: [[10, MINUTE], [60, HOUR]] },
  { readme: 'registrations per client address', text: '3 per day', rule: 'registrationsPerIp', key: 'register:ip', windows: [[3, DAY]] },
  { readme: '"forgot password" per address (unknown ones too)', text: '3 per hour, 10 per day', rule: 'passwordResetsPerAccount', key: 'reset:account', windows: [[3, HOUR], [10, DAY]] },
  { readme: '"forgot password" per client address', text: '10 per hour, 50 per day', rule: 'passwordResetsPerIp', key: 'reset:ip', windows: [[10, HOUR], [50, DAY]] },
  { readme: 'verification mails per member (resend, email change)', text: '3 per hour, 10 per day', rule: 'verificationMailsPerMember', key: 'verify-mail:member', windows: [[3, HOUR], [10, DAY]] },
  { readme: 'feedback per client address', text: '5 per 10 minutes, 20 per day', rule: 'feedbackPerIp', key: 'feedback:ip', windows: [[5, 10 * MINUTE], [20, DAY]] },
  { readme: 'feedback per member', text: '5 per 10 minutes, 20 per day', rule: 'feedbackPerMember', key: 'feedback:member', windows: [[5, 10 * MINUTE], [20, DAY]] },
  { readme: 'comments per member', text: '1 per 10 seconds, 100 per day', rule: 'commentsPerMember', key: 'comment:member', windows: [[1, 10], [100, DAY]] },
  { readme: 'comment previews per member', text: '60 per minute, 2,000 per day', rule: 'commentPreviewsPerMember', key: 'comment-preview:member', windows: [[60, MINUTE], [2000, DAY]] },
  { readme: 'comment edits per member', text: '20 per 10 minutes', rule: 'commentEditsPerMember', key: 'comment-edit:member', windows: [[20, 10 * MINUTE]] },
] as const

describe('the configured rules', () => {
  it.each(promisedLimits)('keep the promise: $readme, $text', ({ rule, key, windows }) => {
    expect(rateLimitRules[rule]).toEqual({ name: key, windows: windows.map(([limit, seconds]) => ({ limit, seconds })) })
  })

  it('are exactly the rules the README lists', () => {
    expect(Object.keys(rateLimitRules).sort()).toEqual(promisedLimits.map((promise) => promise.rule).sort())
  })

  it('are stated in the README as tested here', () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8')
    const table = readme.slice(readme.indexOf('### Limits on abuse'))
    const rows = [...table.matchAll(/^\| (.+?) \| (.+?) \|$/gm)].map(([, what, limit]) => [what, limit]).filter(([what]) => what !== 'what' && what !== '---')
    expect(rows.slice(0, promisedLimits.length)).toEqual(promisedLimits.map((promise) => [promise.readme, promise.text]))
  })

  it('leave room for one full account lockout before the IP limit of the same client', () => {
    const [account] = rateLimitRules.signInFailuresPerAccount.windows
    const [ip] = rateLimitRules.signInFailuresPerIp.windows
    expect(ip.limit).toBeGreaterThan(account.limit)
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

  it('switch units exactly at a minute, an hour and two days, never announcing less than the wait', () => {
    expect(formatWaitTime(0)).toBe('1 秒')
    expect(formatWaitTime(-5)).toBe('1 秒')
    expect(formatWaitTime(1)).toBe('1 秒')
    expect(formatWaitTime(59)).toBe('59 秒')
    expect(formatWaitTime(59.01)).toBe('1 分钟')
    expect(formatWaitTime(119)).toBe('2 分钟')
    expect(formatWaitTime(120)).toBe('2 分钟')
    expect(formatWaitTime(3540)).toBe('59 分钟')
    expect(formatWaitTime(3541)).toBe('1 小时')
    expect(formatWaitTime(3601)).toBe('2 小时')
    expect(formatWaitTime(47 * 3600)).toBe('47 小时')
    expect(formatWaitTime(47 * 3600 + 1)).toBe('2 天')
    expect(formatWaitTime(48 * 3600)).toBe('2 天')
    expect(formatWaitTime(72 * 3600 + 1)).toBe('4 天')
  })

  it('say what happened and when to retry', () => {
    expect(rateLimitMessage(900)).toBe('操作过于频繁，请在 15 分钟后重试')
    expect(rateLimitMessage(5)).toBe('操作过于频繁，请在 5 秒后重试')
    expect(rateLimitMessage(30, '失败次数过多')).toBe('失败次数过多，请在 30 秒后重试')
  })
})
