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
