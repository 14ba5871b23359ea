import type { Root } from 'mdast'
import type { CompileContext } from './context'
import { excerptToHtml, extractText, selectExcerptNodes } from './excerpt'

/** Collects the excerpt HTML and the searchable text; leaves the tree as it is. */
export function remarkExcerptAndText(context: CompileContext, summaryHtml: string | undefined) {
  return () => (tree: Root) => {
    context.text = extractText(tree)
    context.excerptHtml = summaryHtml ?? excerptToHtml(selectExcerptNodes(tree), context.math, `/archives/${context.slug}`)
  }
}
