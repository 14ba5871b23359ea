import { createHash } from 'node:crypto'

/**
 * The Content-Security-Policy of every page.
 *
 * Articles and lists are prerendered, so a per-request nonce is impossible
 * (Next.js can only stamp nonces while rendering, which would make every
 * article dynamic). Instead, after `next build` we hash every inline script of
 * every prerendered page (scripts/build-csp-manifest.ts) and the proxy sends
 * that page's hashes. Pages rendered per request (sign-in, account, admin,
 * search results) get a fresh nonce, which Next.js applies to its own scripts.
 *
 * Trade-off, written down: `script-src` also allows 'self', because Next.js
 * loads its chunks as same-origin <script src> tags that carry neither hash
 * nor nonce in a prerendered page. We serve no user-uploaded files, so 'self'
 * only ever means our own build output. No 'unsafe-inline' anywhere, no
 * 'unsafe-eval' outside development.
 */

export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

export interface PolicyOptions {
  /** Hash sources ('sha256-…') of the inline scripts allowed on this page. */
  scriptHashes?: readonly string[]
  nonce?: string
  development?: boolean
  /** Origins a sign-in form may post to on its way out (GitHub OAuth). */
  formActionOrigins?: readonly string[]
  https?: boolean
}

export function contentSecurityPolicy(options: PolicyOptions): string {
  const script = ["'self'", ...(options.nonce ? [`'nonce-${options.nonce}'`] : []), ...(options.scriptHashes ?? [])]
  if (options.development) script.push("'unsafe-eval'")
  const directives = [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    // Development only: Next's error overlay injects styles.
    `style-src 'self'${options.development ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${options.formActionOrigins?.length ? ` ${options.formActionOrigins.join(' ')}` : ''}`,
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ]
  return directives.join('; ')
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

/** Path of a prerendered page as requests name it: `/archives/x`, `/category/信息时代`, `/`. */
export function routeOfHtmlFile(relativeFile: string): string {
  const route = `/${relativeFile.replace(/\\/g, '/').replace(/\.html$/, '')}`
  return route === '/index' ? '/' : route
}
