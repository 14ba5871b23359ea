import { createHash } from 'node:crypto'

/**
 * The Content-Security-Policy of every page, as strict as a prerendered site
 * allows.
 *
 * Prerendered pages (articles, lists, archive, 404) cannot carry a nonce:
 * Next.js stamps nonces only while rendering, which would make every article
 * dynamic. Instead, after `next build`, scripts/secure-prerendered-pages.ts
 * hashes each page's inline scripts and writes a <meta http-equiv> policy at
 * the top of that page's <head> allowing exactly those scripts. Pages rendered
 * per request (sign-in, account, admin, search, feedback) get a fresh nonce
 * from proxy.ts, which Next.js applies to its own scripts.
 *
 * Every response also carries the base policy below as a header, for what a
 * <meta> policy cannot express (frame-ancestors) and for everything that is
 * not a script. Browsers enforce every policy they receive, so a script runs
 * only if all of them allow it: the header's script-src is deliberately open
 * ('unsafe-inline') and the page's own policy (meta hashes or proxy nonce) is
 * the one that decides. An injected inline script is refused (e2e proves it).
 *
 * Trade-offs, written down: script-src allows 'self', because Next.js loads
 * its chunks as same-origin <script src> tags that carry neither hash nor nonce
 * in a prerendered page (we serve no user-uploaded files, so 'self' means our
 * build output only); form-action allows GitHub for the OAuth sign-in; no
 * 'unsafe-eval' outside development. Doing this without a proxy on static
 * pages keeps them as fast as Next.js can serve files (the proxy cost ~60% of
 * a static page's throughput). Style attributes are allowed
 * (style-src-attr 'unsafe-inline'): KaTeX positions every glyph of a formula
 * with one, and there are thousands of distinct values. A style attribute
 * cannot run script; stylesheets and <style> elements stay same-origin only,
 * and the styles in comments are allow-listed declaration by declaration
 * (lib/comments/filter-formula-html.ts), and clipped to the comment's box.
 */

export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

/** The header every response gets (next.config.mjs imports the same module). */
export { baseContentSecurityPolicy } from './base-policy.mjs'

/** A prerendered page's own policy: only its recorded inline scripts. */
export function prerenderedPagePolicy(scriptHashes: readonly string[]): string {
  return [`script-src 'self' ${scriptHashes.join(' ')}`.trim(), "object-src 'none'", "base-uri 'self'"].join('; ')
}

/**
 * A page rendered per request: Next.js's scripts carry this nonce; our own
 * inline script in the root layout (the theme boot script) is allowed by hash.
 */
export function renderedPagePolicy(options: { nonce: string; scriptHashes?: readonly string[]; development?: boolean; https?: boolean }): string {
  const script = ["'self'", `'nonce-${options.nonce}'`, ...(options.scriptHashes ?? []), ...(options.development ? ["'unsafe-eval'"] : [])]
  return [
    `script-src ${script.join(' ')}`,
    // Development only: Next's error overlay injects styles.
    `style-src 'self'${options.development ? " 'unsafe-inline'" : ''}`,
    "style-src-attr 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}

/** Inline scripts a browser would execute: no src, and not a data block such as JSON-LD. */
export function inlineScripts(html: string): string[] {
  const scripts: string[] = []
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? ''
    const body = match[2] ?? ''
    if (/\bsrc\s*=/i.test(attributes)) continue
    const type = /\btype\s*=\s*"([^"]*)"/i.exec(attributes)?.[1]?.toLowerCase()
    if (type && !['text/javascript', 'module', 'application/javascript'].includes(type)) continue
    scripts.push(body)
  }
  return scripts
}

const META = /<meta http-equiv="Content-Security-Policy" content="[^"]*"\/?>/

/** The page with its policy as the first element of <head> (replacing an earlier one). */
export function withPolicyMeta(html: string): string {
  const policy = prerenderedPagePolicy([...new Set(inlineScripts(html).map(sha256Source))])
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}"/>`
  const stripped = html.replace(META, '')
  return stripped.replace(/<head(\s[^>]*)?>/i, (head) => `${head}${meta}`)
}
