import type { Root } from 'mdast'
import type { CompileContext } from './context'
import { excerptToHtml, extractText, selectExcerptNodes, summaryToHtml } from './excerpt'

/**
 * Collects the excerpt HTML and the searchable text; leaves the tree as it is.
 * Runs after the article's math, so a summary may refer to its equations.
 */
export function remarkExcerptAndText(context: CompileContext, summary: string | undefined, summaryLine: number | undefined) {
  return () => (tree: Root) => {
    context.text = extractText(tree)
    const articleUrl = `/archives/${context.slug}`
    if (summary === undefined) {
      context.excerptHtml = excerptToHtml(selectExcerptNodes(tree), context.math, articleUrl)
      return
    }
    const rendered = summaryToHtml(summary, context.macros, context.labels, articleUrl)
    context.excerptHtml = rendered.html
    for (const message of rendered.problems) {
      context.problems.push({ file: context.file, line: summaryLine, message: `summary: ${message}`, fromFrontMatter: true })
    }
  }
}
