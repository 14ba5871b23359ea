import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { KATEX_VERSION } from '@/lib/math/katex-assets'

// KaTeX's stylesheet and fonts, copied into the build as static files: the
// running site needs neither node_modules nor a cache to serve them.
export const dynamic = 'force-static'
export const dynamicParams = false

const require = createRequire(import.meta.url)
const dist = path.join(path.dirname(require.resolve(/*turbopackIgnore: true*/ 'katex/package.json')), 'dist')

export function generateStaticParams() {
  const fonts = fs.readdirSync(/*turbopackIgnore: true*/ path.join(dist, 'fonts')).filter((file) => file.endsWith('.woff2'))
  return [{ version: KATEX_VERSION, path: ['katex.min.css'] }, ...fonts.map((font) => ({ version: KATEX_VERSION, path: ['fonts', font] }))]
}

export async function GET(_request: Request, { params }: RouteContext<'/katex/[version]/[...path]'>) {
  const { path: parts } = await params
  const file = parts.join('/')
  const type = file === 'katex.min.css' ? 'text/css; charset=utf-8' : /^fonts\/KaTeX_[A-Za-z0-9-]+\.woff2$/.test(file) ? 'font/woff2' : null
  if (!type) return new Response('Not found', { status: 404 })
  const body = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dist, file))
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': type,
      // The version is in the path: a new KaTeX is a new URL.
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
  })
}
