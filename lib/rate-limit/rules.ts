/**
 * Every abuse limit of the site, in one place. Each rule names what it counts
 * and one or more sliding windows; a request is refused while any window is
 * full. Longer windows with larger budgets make a persistent attacker wait
 * longer each time (15 minutes, then an hour, then a day) while a member who
 * mistypes a few times never notices them.
 *
 * Counts live in PostgreSQL (table rate_limit_events), so they hold across
 * instances. The README's table promises these numbers, and the tests state
 * them as literals (tests/unit/rate-limit-rules.test.ts checks both agree).
 */

export interface RateLimitWindow {
  /** Events allowed within the window; the next one is refused. */
  readonly limit: number
  readonly seconds: number
}

export interface RateLimitRule {
  /** Prefix of the event keys, e.g. `signin-fail:ip` → `signin-fail:ip:203.0.113.9`. */
  readonly name: string
  readonly windows: readonly RateLimitWindow[]
}

const MINUTE = 60
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export const rateLimitRules = {
  /**
   * Failed sign-ins per account (Ghost lets 8 through, then waits 10 minutes and
   * longer). Counted for unknown emails too, so a lockout reveals nothing.
   */
  signInFailuresPerAccount: {
    name: 'signin-fail:account',
    windows: [
      { limit: 8, seconds: 15 * MINUTE },
      { limit: 16, seconds: HOUR },
      { limit: 32, seconds: DAY },
    ],
  },
  /**
   * Failed sign-ins per client IP, against password spraying across many accounts.
   * Looser than Discourse's 6 attempts a minute because only failures count and a
   * school or office may share one address.
   */
  signInFailuresPerIp: {
    name: 'signin-fail:ip',
    windows: [
      { limit: 10, seconds: MINUTE },
      { limit: 60, seconds: HOUR },
    ],
  },
  /**
   * "Forgot password" requests per address (keyed by a hash of it, counted for
   * unknown addresses too, so the limit reveals nothing): enough for a member
   * who lost a mail, not enough to flood someone's mailbox.
   */
  passwordResetsPerAccount: {
    name: 'reset:account',
    windows: [
      { limit: 3, seconds: HOUR },
      { limit: 10, seconds: DAY },
    ],
  },
  /** "Forgot password" requests per client IP, across addresses. */
  passwordResetsPerIp: {
    name: 'reset:ip',
    windows: [
      { limit: 10, seconds: HOUR },
      { limit: 50, seconds: DAY },
    ],
  },
  /** Verification mails a member asks for (resend, email change). */
  verificationMailsPerMember: {
    name: 'verify-mail:member',
    windows: [
      { limit: 3, seconds: HOUR },
      { limit: 10, seconds: DAY },
    ],
  },
  /** New accounts per client IP (Discourse: 3). */
  registrationsPerIp: {
    name: 'register:ip',
    windows: [{ limit: 3, seconds: DAY }],
  },
  /**
   * Feedback (留言) per client IP. A person writing to the editors sends one or
   * two; a script sending hundreds is stopped within minutes.
   */
  feedbackPerIp: {
    name: 'feedback:ip',
    windows: [
      { limit: 5, seconds: 10 * MINUTE },
      { limit: 20, seconds: DAY },
    ],
  },
  /** Feedback per signed-in member, whatever address they come from. */
  feedbackPerMember: {
    name: 'feedback:member',
    windows: [
      { limit: 5, seconds: 10 * MINUTE },
      { limit: 20, seconds: DAY },
    ],
  },
  /**
   * Comments per member: one every 10 seconds (a person writes slower; a script
   * is slowed to a crawl) and 100 a day.
   */
  commentsPerMember: {
    name: 'comment:member',
    windows: [
      { limit: 1, seconds: 10 },
      { limit: 100, seconds: DAY },
    ],
  },
  /**
   * Live previews per member: the form asks after each pause in typing, so the
   * budget is generous; it only stops a script using the renderer as a service.
   */
  commentPreviewsPerMember: {
    name: 'comment-preview:member',
    windows: [
      { limit: 60, seconds: MINUTE },
      { limit: 2000, seconds: DAY },
    ],
  },
  /** Edits per member (each within 15 minutes of posting). */
  commentEditsPerMember: {
    name: 'comment-edit:member',
    windows: [{ limit: 20, seconds: 10 * MINUTE }],
  },
} as const satisfies Record<string, RateLimitRule>

export type RateLimitRuleName = keyof typeof rateLimitRules

/** Events older than this are never counted again and may be deleted. */
export const longestRateLimitWindowSeconds = Math.max(
  ...Object.values(rateLimitRules).flatMap((rule): number[] => rule.windows.map((window) => window.seconds)),
)
