const UNIT_SECONDS: Record<string, number> = { 秒: 1, 分钟: 60, 小时: 3600, 天: 86_400 }

/**
 * The wait a refusal message announces ("…，请在 1 分钟后重试"), in seconds,
 * so a test can hold it to the promised window minus the time the test itself
 * took: "1 分钟" on an idle machine, "58 秒" on a busy one, never "9 秒".
 */
export function announcedWaitSeconds(message: string, what: string): number {
  const match = new RegExp(`^${what}，请在 (\\d+) (秒|分钟|小时|天)后重试$`).exec(message)
  if (!match) throw new Error(`not a "${what}" refusal: ${JSON.stringify(message)}`)
  return Number(match[1]) * UNIT_SECONDS[match[2]!]!
}

/** Seconds since `started` (a `performance.now()`), rounded up. */
export function secondsSince(started: number): number {
  return Math.ceil((performance.now() - started) / 1000)
}
