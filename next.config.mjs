import os from 'node:os'
import { tsImport } from 'tsx/esm/api'
import { baseContentSecurityPolicy, postAssetContentSecurityPolicy, strictTransportSecurity } from './lib/security/base-policy.mjs'

/**
 * Headers every response gets. The base Content-Security-Policy is completed by
 * each page's own policy (see lib/security/csp.ts).
 *
 * Next.js computes these once, during `next build`, and serves prerendered
 * pages with them without running any code per request; that is why HSTS is
 * decided here from SITE_URL, which is baked into the build as well (a change
 * rebuilds, scripts/lib/next-cli.ts), and not in proxy.ts, which never sees
 * prerendered pages.
 */

/** The validated environment (lib/env/schema.ts, loaded through tsx): a bad one fails the build, naming the variable. */
async function validatedEnv() {
  const { parseEnv } = await tsImport('./lib/env/schema.ts', import.meta.url)
  return parseEnv(process.env)
}

const securityHeaders = [
  { key: 'Content-Security-Policy', value: baseContentSecurityPolicy },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()',
  },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
]

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite loads its WASM and data bundle from its own package folder at run time,
  // so it must stay a plain Node require rather than being bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'esbuild'],
  experimental: {
    // Prerendering is the build's long step, and the main process mostly waits
    // while it runs: one worker per core instead of Next.js's default of one
    // fewer (on 2 cores, 1,000 articles prerender in 58 s instead of 73 s).
    cpus: os.availableParallelism(),
    serverActions: {
      // The largest legitimate form is a 5,000-character comment (≤ 20 KB of UTF-8).
      // lib/security/server-action-requests.ts holds the same limit for proxy.ts, which
      // answers larger requests with a 413 before Next.js reads them.
      bodySizeLimit: '64kb',
    },
  },
  async headers() {
    const https = (await validatedEnv()).SITE_URL.startsWith('https://')
    return [
      {
        source: '/:path*',
        headers: [...securityHeaders, ...(https ? [{ key: 'Strict-Transport-Security', value: strictTransportSecurity }] : [])],
      },
      {
        // Images beside an article (app/(site)/archives/[slug]/[asset]/route.ts). A later rule
        // setting the same header wins: these get the sandbox policy instead of the base one.
        source: '/archives/:slug/:asset([^/]+\\.(?:svg|png|jpe?g|gif|webp|avif))',
        headers: [{ key: 'Content-Security-Policy', value: postAssetContentSecurityPolicy }],
      },
      {
        // Search index chunks and documents carry the index version in their names
        // (lib/search/index-format.ts): a browser may keep them for good. The
        // manifest, which names the current version, is left to revalidate.
        source: '/search-index/:file([td]\\d+\\.[0-9a-f]+\\.json)',
        headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }],
      },
    ]
  },
  async redirects() {
    return [{ source: '/page/1', destination: '/', permanent: true }]
  },
}

export default nextConfig
