/**
 * A path whose percent-encoding cannot be decoded: a "%" without two hex
 * digits after it, or bytes that are not UTF-8 (overlong forms, surrogates,
 * truncated sequences). Next.js answers such a path with a 500 when it reaches
 * a dynamic route (/archives/%zz); proxy.ts answers it with a 400 instead.
 */
export function hasMalformedPercentEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname)
    return false
  } catch {
    return true
  }
}

/**
 * A query string holding NUL (%00) in a name or a value. PostgreSQL text
 * cannot hold the character, so a page that searches with the value fails
 * with a 500 (the admin lists did, on both databases); no form of the site
 * can produce one, so proxy.ts answers 400 for every page it serves.
 */
export function hasNulInQuery(searchParams: URLSearchParams): boolean {
  for (const [name, value] of searchParams) if (name.includes('\u0000') || value.includes('\u0000')) return true
  return false
}
