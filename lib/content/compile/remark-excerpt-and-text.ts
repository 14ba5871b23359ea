import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import type { Macros } from '@/lib/math/render-formulas'
import { excerptToHtml, extractText, selectExcerptNodes, summaryToHtml } from './excerpt'
import './article-data'

/**
 * Collects the excerpt HTML and the searchable text; leaves the tree as it is.
 * Runs after the article's math, so a summary may refer to its equations.
 */
export function remarkExcerptAndText(options: { slug: string; macros: Macros; summary?: string; summaryLine?: number }) {
  return (tree: Root, file: VFile) => {
    file.data.text = extractText(tree)
    const articleUrl = `/archives/${options.slug}`
    if (options.summary === undefined) {
      file.data.excerptHtml = excerptToHtml(selectExcerptNodes(tree), file.data.math ?? [], articleUrl)
      return
    }
    const rendered = summaryToHtml(options.summary, options.macros, file.data.labels, articleUrl)
    file.data.excerptHtml = rendered.html
    for (const message of rendered.problems) {
      file.message(`summary: ${message}`, options.summaryLine === undefined ? undefined : { line: options.summaryLine, column: 1 })
    }
  }
}
