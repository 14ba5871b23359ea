/**
 * Where a member returns after signing in, registering or signing out: the one
 * decision every entry point uses (the /login and /register pages, their server
 * actions, and next-auth's `redirect` callback, which also covers
 * /api/auth/signout, /api/auth/signin and /api/auth/callback/*).
 *
 * Only addresses on this site are honoured, judged on the *final* URL: the
 * value is resolved the way a browser would resolve it, and the path returned
 * is checked again as a browser would read it in a `Location` header. That
 * second look matters because normalising can itself create an off-site
 * address: `/..//evil.example`, `/.//evil.example`, `/a/..//x` and
 * `/%2e//x` all resolve to the path `//evil.example`, which a browser reads as
 * another host. Anything that could leave (`//evil.example`, `/\evil`,
 * `https://evil.example`, `javascript:`) falls back to `fallback`.
 */

// Returning to these would show the form again instead of where the member was.
const pagesThatAreNoDestination = ['/login', '/register', '/account/deleted']

const MAX_LENGTH = 2048

export function safeCallbackPath(raw: unknown, siteOrigin: string, fallback = '/'): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return fallback
  // Browsers treat a backslash like a slash and drop tabs and newlines from URLs.
  if (/[\\\u0000-\u001F\u007F]/.test(raw)) return fallback
  const origin = new URL(siteOrigin).origin
  // A path of this site, or an absolute URL of this origin (as next-auth passes them).
  if (!raw.startsWith('/') && !raw.startsWith(`${origin}/`) && raw !== origin) return fallback
  const path = pathOnSite(raw, origin)
  if (path === null) return fallback
  const { pathname } = new URL(path, origin)
  if (pagesThatAreNoDestination.some((page) => pathname === page || pathname.startsWith(`${page}/`))) return fallback
  return path
}

/**
 * The path, query and fragment `address` resolves to on `origin`, provided a
 * browser given that path would stay on `origin` and open the very same URL;
 * null otherwise.
 */
function pathOnSite(address: string, origin: string): string | null {
  let url: URL
  try {
    url = new URL(address, origin)
  } catch {
    return null
  }
  if (url.origin !== origin) return null
  const path = `${url.pathname}${url.search}${url.hash}`
  // `//host` (or `/\host`) would name another host when followed.
  if (!/^\/(?![/\\])/.test(path)) return null
  const followed = new URL(path, origin)
  return followed.origin === origin && followed.href === url.href ? path : null
}
