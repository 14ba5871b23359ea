import { renderAtom } from '@/lib/feeds/feeds.server'

// Generated once at build time and served as a static file.
export const dynamic = 'force-static'

export async function GET() {
  return new Response(await renderAtom(), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } })
}
