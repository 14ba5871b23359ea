import { getPostMetas } from '@/lib/content/posts.server'
import { listPostAssets, readPostAsset } from '@/lib/content/post-assets.server'
import { decodeParam } from '@/lib/site/metadata'

// Images kept next to an article become static files at build time.
export const dynamic = 'force-static'
export const dynamicParams = false

export function generateStaticParams() {
  return getPostMetas().flatMap((post) => listPostAssets(post.slug).map((asset) => ({ slug: post.slug, asset })))
}

export async function GET(_request: Request, { params }: RouteContext<'/archives/[slug]/[asset]'>) {
  const { slug, asset } = await params
  const found = readPostAsset(slug, decodeParam(asset))
  if (!found) return new Response('Not found', { status: 404 })
  // The sandbox policy that keeps an SVG's scripts from running comes from next.config.mjs:
  // Next.js serves this prerendered file with the configured headers, which replace any set here.
  return new Response(new Uint8Array(found.body), {
    headers: { 'Content-Type': found.type, 'Cache-Control': 'public, max-age=3600' },
  })
}
