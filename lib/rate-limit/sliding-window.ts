import type { RateLimitRule } from './rules'

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/**
 * Decides a rule from the ages (seconds before now, newest first) of the most
 * recent events under one key. A window is full when its `limit`-th newest event
 * is younger than the window; it frees a slot when that event ages out.
 */
export function decide(rule: RateLimitRule, agesNewestFirst: readonly number[]): RateLimitDecision {
  let retryAfterSeconds = 0
  for (const window of rule.windows) {
    const oldestCounted = agesNewestFirst[window.limit - 1]
    if (oldestCounted !== undefined && oldestCounted < window.seconds) {
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil(window.seconds - oldestCounted))
    }
  }
  return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true }
}

/** How many of the newest events, and how far back, a decision needs to see. */
export function lookback(rule: RateLimitRule): { events: number; seconds: number } {
  return {
    events: Math.max(...rule.windows.map((window) => window.limit)),
    seconds: Math.max(...rule.windows.map((window) => window.seconds)),
  }
}
