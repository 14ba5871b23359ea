/**
 * Dates in the admin area: the editors work in China, so "today" and every
 * time shown are in Asia/Shanghai (UTC+8 all year, no daylight saving).
 */
export const ADMIN_TIME_ZONE = 'Asia/Shanghai'
const UTC_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

/** Midnight of `now`'s day in Shanghai, as an instant. */
export function startOfShanghaiDay(now: Date): Date {
  const local = now.getTime() + UTC_OFFSET_MS
  return new Date(local - (local % DAY_MS) - UTC_OFFSET_MS)
}

const dateTime = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short', timeZone: ADMIN_TIME_ZONE })

/** "2025年3月4日 14:05" */
export function formatAdminDateTime(date: Date): string {
  return dateTime.format(date)
}
