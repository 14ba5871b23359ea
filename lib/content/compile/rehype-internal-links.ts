import type { Element, Root } from 'hast'
import { visit } from 'unist-util-visit'
import type { CompileContext } from './context'

const ARTICLE_LINK = /^\/archives\/([^/?#]+)\/?(?:[?#].*)?$/

/** A link to /archives/<slug> must name an existing article, or the build fails. */
export function rehypeInternalLinks(context: CompileContext) {
  return () => (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a') return
      const href = String(node.properties.href ?? '')
      const match = ARTICLE_LINK.exec(href)
      if (match && !context.knownSlugs.has(decodeURIComponent(match[1]!))) {
        context.problems.push({
          file: context.file,
          line: node.position?.start.line,
          message: `broken link ${href}: there is no article content/posts/${match[1]}.mdx`,
        })
      }
      if (/^https?:\/\//.test(href)) {
        node.properties.rel = ['noopener']
      }
    })
  }
}
