import fs from 'node:fs'
import path from 'node:path'
import type { Element, ElementContent, Root } from 'hast'
import { imageSize } from 'image-size'
import { visit } from 'unist-util-visit'
import type { CompileContext } from './context'

const publicRoot = path.join(/*turbopackIgnore: true*/ process.cwd(), 'public')
const postsRoot = path.join(/*turbopackIgnore: true*/ process.cwd(), 'content', 'posts')

/** Images next to an article live in content/posts/<slug>/ and are served at /archives/<slug>/<file>. */
export function postAssetUrl(slug: string, file: string): string {
  return `/archives/${slug}/${encodeURIComponent(file)}`
}

/** Where an image reference points on disk, and the URL readers fetch it from. */
function locateImage(src: string, slug: string): { file: string; url: string; hint: string } | null {
  if (/^[a-z]+:|^\/\//i.test(src)) return null // remote images are left alone
  if (src.startsWith('/')) {
    const file = path.join(/*turbopackIgnore: true*/ publicRoot, decodeURI(src))
    return file.startsWith(publicRoot) ? { file, url: src, hint: `public${src}` } : null
  }
  const name = decodeURI(src.replace(/^\.\//, ''))
  const folder = path.join(/*turbopackIgnore: true*/ postsRoot, slug)
  const file = path.join(/*turbopackIgnore: true*/ folder, name)
  if (!file.startsWith(`${folder}${path.sep}`) || name.includes('/')) return null
  return { file, url: postAssetUrl(slug, name), hint: `content/posts/${slug}/${name}` }
}

function isWhitespace(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === ''
}

/**
 * Images get their intrinsic size (no layout shift), lazy loading, and — when an
 * image stands alone in its paragraph — a <figure> whose caption is the image's
 * title (or its alt text).
 */
export function rehypeFigures(context: CompileContext) {
  return () => (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'img') return
      const src = String(node.properties.src ?? '')
      const line = node.position?.start.line
      const located = locateImage(src, context.slug)
      if (located === null && !/^[a-z]+:|^\/\//i.test(src)) {
        context.problems.push({
          file: context.file,
          line,
          message: `image ${src}: use /path/under/public or a file name next to the article (content/posts/${context.slug}/name.svg)`,
        })
      } else if (located) {
        node.properties.src = located.url
        if (!fs.existsSync(located.file)) {
          context.problems.push({ file: context.file, line, message: `image ${src} not found: put it at ${located.hint}` })
        } else {
          try {
            const size = imageSize(fs.readFileSync(located.file))
            if (size.width && size.height) {
              node.properties.width = size.width
              node.properties.height = size.height
            }
          } catch (error) {
            context.problems.push({ file: context.file, line, message: `image ${src} could not be read: ${(error as Error).message}` })
          }
        }
      }
      node.properties.loading = 'lazy'
      node.properties.decoding = 'async'
      const caption = String(node.properties.title ?? node.properties.alt ?? '').trim()
      delete node.properties.title
      if (!parent || index === undefined || parent.type !== 'element' || parent.tagName !== 'p') return
      if (!parent.children.every((child) => child === node || isWhitespace(child))) return
      parent.tagName = 'figure'
      parent.properties = { className: ['figure'] }
      parent.children = caption
        ? [node, { type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: caption }] }]
        : [node]
    })
  }
}
