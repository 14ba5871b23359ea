import { MATH_FONT_FILE, readMathFont } from '@/lib/content/math-font/math-font.server'

// The subset math font, produced by the content build and served as a static file.
export const dynamic = 'force-static'
export const dynamicParams = false

export function generateStaticParams() {
  return readMathFont() ? [{ file: MATH_FONT_FILE }] : []
}

export async function GET() {
  const font = readMathFont()
  if (!font) return new Response('Not found', { status: 404 })
  return new Response(new Uint8Array(font), {
    headers: {
      'Content-Type': 'font/woff2',
      // The URL stays the same when new articles add glyphs; a day-old copy only
      // means a rare glyph falls back to the full font for a while.
      'Cache-Control': 'public, max-age=86400, stale-while-revalidate=604800',
    },
  })
}
