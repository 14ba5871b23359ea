import fs from 'node:fs'
import path from 'node:path'
import { imageSize } from 'image-size'

const publicRoot = path.join(/*turbopackIgnore: true*/ process.cwd(), 'public')
const postsRoot = path.join(/*turbopackIgnore: true*/ process.cwd(), 'content', 'posts')

/** Images next to an article live in content/posts/<slug>/ and are served at /archives/<slug>/<file>. */
export function postAssetUrl(slug: string, file: string): string {
  return `/archives/${slug}/${encodeURIComponent(file)}`
}

const isRemote = (src: string) => /^[a-z]+:|^\/\//i.test(src)

/** Where an image reference points on disk, and the URL readers fetch it from. */
function locateImage(src: string, slug: string, postsDirectory: string): { file: string; url: string; hint: string } | null {
  if (src.startsWith('/')) {
    const file = path.join(/*turbopackIgnore: true*/ publicRoot, decodeURI(src))
    return file.startsWith(publicRoot) ? { file, url: src, hint: `public${src}` } : null
  }
  const name = decodeURI(src.replace(/^\.\//, ''))
  const folder = path.join(/*turbopackIgnore: true*/ postsDirectory, slug)
  const file = path.join(/*turbopackIgnore: true*/ folder, name)
  if (!file.startsWith(`${folder}${path.sep}`) || name.includes('/')) return null
  return { file, url: postAssetUrl(slug, name), hint: path.relative(process.cwd(), file) }
}

export interface ResolvedImage {
  url: string
  width?: number
  height?: number
  /** Why the image cannot be used, in words for the editor; the URL is still the best guess. */
  problem?: string
}

/**
 * An image of an article, as Markdown images and `<Figure>` both use it: its
 * URL, and its intrinsic size read from the file at build time (no layout shift).
 * Remote images are left alone. `postsDirectory` is where articles' own
 * folders are: content/posts, or the folder of an article checked elsewhere
 * (what `npm run import -- --out` wrote).
 */
export function resolveImage(src: string, slug: string, postsDirectory: string = postsRoot): ResolvedImage {
  if (isRemote(src)) return { url: src }
  const located = locateImage(src, slug, postsDirectory)
  if (!located) {
    return { url: src, problem: `image ${src}: use /path/under/public or a file name next to the article (content/posts/${slug}/name.svg)` }
  }
  if (!fs.existsSync(located.file)) return { url: located.url, problem: `image ${src} not found: put it at ${located.hint}` }
  try {
    const size = imageSize(fs.readFileSync(located.file))
    return size.width && size.height ? { url: located.url, width: size.width, height: size.height } : { url: located.url }
  } catch (error) {
    return { url: located.url, problem: `image ${src} could not be read: ${(error as Error).message}` }
  }
}
