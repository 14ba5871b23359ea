import type { Element, Root } from 'hast'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'

const ARTICLE_LINK = /^\/archives\/([^/?#]+)\/?(?:[?#].*)?$/

/** A link to /archives/<slug> must name an existing article, or the build fails. */
export function rehypeInternalLinks(options: { knownSlugs: ReadonlySet<string> }) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a') return
      const href = String(node.properties.href ?? '')
      const match = ARTICLE_LINK.exec(href)
      if (match && !options.knownSlugs.has(decodeURIComponent(match[1]!))) {
        file.message(`broken link ${href}: there is no article content/posts/${match[1]}.mdx`, node)
      }
      if (/^https?:\/\//.test(href)) {
        node.properties.rel = ['noopener']
      }
    })
  }
}
