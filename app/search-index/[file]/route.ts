import { getSiteIndex } from '@/lib/search/site-index.server'

// Every file of the search index becomes a static file at build time; names
// outside the index are 404s without running anything.
export const dynamic = 'force-static'
export const dynamicParams = false

export async function generateStaticParams() {
  const { files } = await getSiteIndex()
  return [...files.keys()].map((file) => ({ file }))
}

export async function GET(_request: Request, { params }: RouteContext<'/search-index/[file]'>) {
  const { file } = await params
  const body = (await getSiteIndex()).files.get(file)
  if (body === undefined) return new Response('Not found', { status: 404 })
  return new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } })
}
