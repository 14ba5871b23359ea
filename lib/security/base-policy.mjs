/**
 * The Content-Security-Policy header every response gets, completed by each
 * page's own policy (lib/security/csp.ts). Plain JavaScript so next.config.mjs
 * can import it too: one policy, not two copies kept equal by hand.
 */
export const baseContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self'",
  // KaTeX places every glyph with a style attribute; see lib/security/csp.ts.
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self' https://github.com",
  "frame-ancestors 'none'",
  "manifest-src 'self'",
].join('; ')

/**
 * Files editors keep next to an article (content/posts/<slug>/*.svg, …) are
 * images, never documents: opened on their own they get no scripts, no
 * requests and an opaque origin, whatever an SVG holds. It replaces the base
 * policy for those paths (next.config.mjs), since browsers would otherwise
 * enforce both and the base one allows inline scripts.
 */
export const postAssetContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

/** Sent with every response when SITE_URL is https: two years, subdomains included. */
export const strictTransportSecurity = 'max-age=63072000; includeSubDomains'
