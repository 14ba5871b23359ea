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
  // SVGs from editors are images, never documents: no scripts even if opened directly.
  return new Response(new Uint8Array(found.body), {
    headers: {
      'Content-Type': found.type,
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'Cache-Control': 'public, max-age=3600',
    },
  })
}
