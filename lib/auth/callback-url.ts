/**
 * Where a member returns after signing in or registering. Only paths on this
 * site are honoured: anything that could leave it (`//evil.example`, `/\evil`,
 * `https://evil.example`, `javascript:`) falls back to the home page, so the
 * sign-in page cannot be used as an open redirect.
 */

// Returning to these would show the form again instead of where the member was.
const pagesThatAreNoDestination = ['/login', '/register', '/account/deleted']

export function safeCallbackPath(raw: unknown, siteOrigin: string, fallback = '/'): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return fallback
  // Browsers treat a backslash like a slash and ignore tabs and newlines in URLs.
  if (/[\\\u0000-\u001F\u007F]/.test(raw)) return fallback
  const isPath = raw.startsWith('/') && !raw.startsWith('//')
  let url: URL
  try {
    url = new URL(raw, siteOrigin)
  } catch {
    return fallback
  }
  const origin = new URL(siteOrigin).origin
  if (url.origin !== origin) return fallback
  if (!isPath && !raw.startsWith(`${origin}/`) && raw !== origin) return fallback
  if (pagesThatAreNoDestination.some((page) => url.pathname === page || url.pathname.startsWith(`${page}/`))) {
    return fallback
  }
  return `${url.pathname}${url.search}${url.hash}`
}
