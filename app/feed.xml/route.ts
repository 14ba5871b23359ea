import { renderRss } from '@/lib/feeds/feeds.server'

// Generated once at build time and served as a static file.
export const dynamic = 'force-static'

export async function GET() {
  return new Response(await renderRss(), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } })
}
