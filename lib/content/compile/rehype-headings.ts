import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'
import type { CompileContext } from './context'

/**
 * After rehype-slug gave every heading an id: records h2/h3 for the table of
 * contents and appends a small "#" link so a section can be linked to.
 */
export function rehypeHeadings(context: CompileContext) {
  return () => (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'h2' && node.tagName !== 'h3') return
      const id = typeof node.properties.id === 'string' ? node.properties.id : undefined
      if (!id) return
      const text = toString(node).trim()
      context.toc.push({ depth: node.tagName === 'h2' ? 2 : 3, id, text })
      node.children.push({
        type: 'element',
        tagName: 'a',
        properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: `链接到本节：${text}` },
        children: [{ type: 'text', value: '#' }],
      })
    })
  }
}
