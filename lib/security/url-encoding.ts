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
