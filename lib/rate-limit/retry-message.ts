/** "45 秒", "15 分钟", "3 小时", "2 天": rounded up, so the member never retries too early. */
export function formatWaitTime(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds))
  if (whole < 60) return `${whole} 秒`
  const minutes = Math.ceil(whole / 60)
  if (minutes < 60) return `${minutes} 分钟`
  const hours = Math.ceil(minutes / 60)
  if (hours < 48) return `${hours} 小时`
  return `${Math.ceil(hours / 24)} 天`
}

/** The message a limited request shows: what happened and when to try again. */
export function rateLimitMessage(retryAfterSeconds: number, what = '操作过于频繁'): string {
  return `${what}，请在 ${formatWaitTime(retryAfterSeconds)}后重试`
}
