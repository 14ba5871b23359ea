/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite loads its WASM and data bundle from its own package folder at run time,
  // so it must stay a plain Node require rather than being bundled.
  serverExternalPackages: ['@electric-sql/pglite'],
  async headers() {
    // Search index chunks and documents carry the index version in their names
    // (lib/search/index-format.ts): a browser may keep them for good. The
    // manifest, which names the current version, is left to revalidate.
    return [
      {
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
