import 'server-only'
import fs from 'node:fs'
import path from 'node:path'

/** Served by app/(site)/archives/[slug]/[asset]/route.ts; the article sources beside them are never read here. */
const postsRoot = path.join(/*turbopackIgnore: true*/ process.cwd(), 'content', 'posts')

/** Image files editors keep next to an article, in content/posts/<slug>/. */
const TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
}

export function listPostAssets(slug: string): string[] {
  const folder = path.join(/*turbopackIgnore: true*/ postsRoot, slug)
  if (!fs.existsSync(folder)) return []
  return fs.readdirSync(folder).filter((name) => TYPES[path.extname(name).toLowerCase()] !== undefined)
}

export function readPostAsset(slug: string, name: string): { body: Buffer; type: string } | null {
  const type = TYPES[path.extname(name).toLowerCase()]
  if (!type || name.includes('/') || name.includes('\\') || name.startsWith('.')) return null
  const file = path.join(/*turbopackIgnore: true*/ postsRoot, slug, name)
  return fs.existsSync(file) ? { body: fs.readFileSync(file), type } : null
}
