import fs from 'node:fs'
import path from 'node:path'
import type { Element, ElementContent, Root } from 'hast'
import { imageSize } from 'image-size'
import { visit } from 'unist-util-visit'
import type { CompileContext } from './context'

const publicRoot = path.join(/*turbopackIgnore: true*/ process.cwd(), 'public')

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
      if (src.startsWith('/')) {
        const file = path.join(/*turbopackIgnore: true*/ publicRoot, decodeURI(src))
        if (!file.startsWith(publicRoot) || !fs.existsSync(file)) {
          context.problems.push({ file: context.file, line, message: `image ${src} not found: put it under public${src}` })
        } else {
          try {
            const size = imageSize(fs.readFileSync(file))
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
