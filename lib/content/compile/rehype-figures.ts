import type { Element, ElementContent, Root } from 'hast'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'
import { resolveImage } from './images'

function isWhitespace(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === ''
}

/**
 * Images get their intrinsic size (no layout shift), lazy loading, and — when an
 * image stands alone in its paragraph — a <figure> whose caption is the image's
 * title (or its alt text). Numbered figures are `<Figure>` (remark-components.ts).
 */
export function rehypeFigures(options: { slug: string; postsDirectory?: string }) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      // A <Figure> placed and sized its image already.
      if (node.tagName !== 'img' || (parent?.type === 'element' && parent.tagName === 'figure')) return
      const image = resolveImage(String(node.properties.src ?? ''), options.slug, options.postsDirectory)
      if (image.problem) file.message(image.problem, node)
      node.properties.src = image.url
      if (image.width && image.height) {
        node.properties.width = image.width
        node.properties.height = image.height
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
