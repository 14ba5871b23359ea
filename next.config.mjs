/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite loads its WASM and data bundle from its own package folder at run time,
  // so it must stay a plain Node require rather than being bundled.
  serverExternalPackages: ['@electric-sql/pglite'],
  async redirects() {
    return [{ source: '/page/1', destination: '/', permanent: true }]
  },
}

export default nextConfig
