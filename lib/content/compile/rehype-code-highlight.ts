import type { Element, ElementContent, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { common, createLowlight } from 'lowlight'
import { visit } from 'unist-util-visit'

// One highlighter for the process: rehype-highlight built a new one (registering
// ~35 grammars, ~2 ms) for every article it compiled.
const lowlight = createLowlight(common)

/**
 * Highlights fenced code with a known language at build time (`hljs-*` classes,
 * styled by app CSS), so code blocks need no JavaScript in the browser.
 */
export function rehypeCodeHighlight() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, _index, parent) => {
      if (node.tagName !== 'code' || !parent || parent.type !== 'element' || parent.tagName !== 'pre') return
      const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : []
      const language = classes.find((name) => name.startsWith('language-'))?.slice('language-'.length)
      if (!language || !lowlight.registered(language)) return
      const result = lowlight.highlight(language, toString(node))
      node.properties.className = [...classes, 'hljs']
      node.children = result.children as ElementContent[]
    })
  }
}
