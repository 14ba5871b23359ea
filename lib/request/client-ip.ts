import 'server-only'
import { isIPv4, isIPv6 } from 'node:net'
import { headers } from 'next/headers'

/**
 * The address IP-based limits count by.
 *
 * Next.js gives route code no socket address; it puts the peer's address into
 * X-Forwarded-For only when the request has none. So the rightmost entry is
 * the peer as seen by `next start`, or, behind a reverse proxy that appends to
 * the header (nginx `proxy_add_x_forwarded_for`), the client as seen by that
 * proxy. Entries further left are whatever the client claimed and are ignored.
 *
 * Limitation: a client talking to `next start` directly can send its own
 * X-Forwarded-For and pick the address it is counted under. Deploy behind a
 * reverse proxy that sets the header (README, "Accounts"); per-account limits
 * do not depend on it.
 *
 * IPv6 addresses are counted per /64, the block one subscriber usually gets,
 * so rotating through one's own addresses does not multiply the budget.
 */
export function clientIpFromForwardedFor(forwardedFor: string | null | undefined): string {
  const entries = (forwardedFor ?? '').split(',').map((entry) => entry.trim()).filter(Boolean)
  const rightmost = entries.at(-1)
  return rightmost ? normalizeAddress(rightmost) : 'unknown'
}

export function normalizeAddress(raw: string): string {
  let address = raw
  // "[2001:db8::1]:443" and "203.0.113.9:443" (some proxies include the port).
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address)
  if (bracketed?.[1]) address = bracketed[1]
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'))
  // IPv4 clients of a dual-stack socket appear as ::ffff:203.0.113.9.
  const mapped = /^::ffff:([\d.]+)$/i.exec(address)
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1]
  if (isIPv4(address)) return address
  if (isIPv6(address)) return `${expandIPv6(address).slice(0, 4).join(':')}::/64`
  return 'unknown'
}

function expandIPv6(address: string): string[] {
  const withoutZone = address.split('%')[0] ?? address
  const [head = '', tail] = withoutZone.split('::')
  const headGroups = head ? head.split(':') : []
  const tailGroups = tail ? tail.split(':') : []
  const missing = 8 - headGroups.length - tailGroups.length
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups]
  return groups.map((group) => (Number.parseInt(group, 16) || 0).toString(16))
}

/** The client address of the request being handled (server components and actions). */
export async function getClientIp(): Promise<string> {
  return clientIpFromForwardedFor((await headers()).get('x-forwarded-for'))
}
