import { describe, expect, it } from 'vitest'
import { clientIpFromForwardedFor, normalizeAddress } from '@/lib/request/client-ip'

describe('client address for limits', () => {
  it('takes the rightmost X-Forwarded-For entry: the peer of the last hop we trust', () => {
    expect(clientIpFromForwardedFor('203.0.113.9')).toBe('203.0.113.9')
    // A client may prepend anything; the proxy appends what it saw.
    expect(clientIpFromForwardedFor('10.0.0.1, 198.51.100.4,203.0.113.9')).toBe('203.0.113.9')
  })

  it('says "unknown" rather than guessing', () => {
    expect(clientIpFromForwardedFor(null)).toBe('unknown')
    expect(clientIpFromForwardedFor('')).toBe('unknown')
    expect(clientIpFromForwardedFor('not an address')).toBe('unknown')
  })

  it('unwraps IPv4-mapped IPv6 and strips ports', () => {
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1')
    expect(normalizeAddress('203.0.113.9:51234')).toBe('203.0.113.9')
    expect(normalizeAddress('[2001:db8::1]:443')).toBe('2001:db8:0:0::/64')
  })

  it('counts IPv6 clients per /64', () => {
    expect(normalizeAddress('2001:db8:aaaa:bbbb:1:2:3:4')).toBe('2001:db8:aaaa:bbbb::/64')
    expect(normalizeAddress('2001:db8:aaaa:bbbb::99')).toBe('2001:db8:aaaa:bbbb::/64')
    expect(normalizeAddress('2001:DB8:AAAA:BBBB:0000::1')).toBe('2001:db8:aaaa:bbbb::/64')
    expect(normalizeAddress('::1')).toBe('0:0:0:0::/64')
  })
})
