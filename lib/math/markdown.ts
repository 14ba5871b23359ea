import type { ElementContent, Root as HastRoot } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import type { Root, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal'
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough'
import { mathFromMarkdown } from 'mdast-util-math'
import { toHast, type Handler, type Handlers } from 'mdast-util-to-hast'
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal'
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough'
import { math } from 'micromark-extension-math'
import { renderFormulas, type MathProblem, type MathSource, type RenderMathOptions } from './render-formulas'

/**
 * Markdown with math outside articles (front-matter summaries, comments): the
 * same formula renderer as articles, on a plain Markdown parse. Articles are
 * MDX and reach the renderer through their remark plugin instead.
 */

export interface MarkdownWithMathOptions extends RenderMathOptions {
  /** Strikethrough and bare-URL links, as comments allow. */
  gfm?: boolean
  /** Handlers for the Markdown nodes a caller treats its own way (comments show raw HTML as text). */
  handlers?: Handlers
  /** 'hast' returns formulas as elements a sanitizer can walk; 'raw' as HTML strings (trusted output). */
  formulasAs?: 'raw' | 'hast'
}

export interface MarkdownWithMath {
  tree: HastRoot
  problems: MathProblem[]
  /** The TeX of every formula, in order, for plain-text versions. */
  formulas: MathSource[]
}

type MathNode = Extract<RootContent, { type: 'math' | 'inlineMath' }>

export function markdownWithMath(markdown: string, options: MarkdownWithMathOptions): MarkdownWithMath {
  const tree = fromMarkdown(markdown, {
    extensions: options.gfm ? [math(), gfmStrikethrough({ singleTilde: false }), gfmAutolinkLiteral()] : [math()],
    mdastExtensions: options.gfm ? [mathFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmAutolinkLiteralFromMarkdown()] : [mathFromMarkdown()],
  })

  const nodes: MathNode[] = []
  const sources: MathSource[] = []
  const walk = (node: Root | RootContent, parent?: Root | RootContent) => {
    if (node.type === 'math') {
      nodes.push(node)
      sources.push({ tex: node.value, display: true })
    } else if (node.type === 'inlineMath') {
      // `$$…$$` inside a line is display math, as in MathJax.
      const display = markdown.startsWith('$$', node.position?.start.offset ?? -1)
      const alone = parent?.type === 'paragraph' && parent.children.every((c) => c === node || (c.type === 'text' && !c.value.trim()))
      nodes.push(node)
      sources.push({ tex: node.value, display, inParagraph: display && !alone })
    }
    if ('children' in node) for (const child of node.children) walk(child, node)
  }
  walk(tree)

  const rendered = renderFormulas(sources, options)
  const formulaFor = new Map(nodes.map((node, i) => [node, rendered.html[i] ?? '']))
  const asContent = (html: string): ElementContent[] =>
    options.formulasAs === 'hast' ? (fromHtml(html, { fragment: true }).children as ElementContent[]) : [{ type: 'raw', value: html } as unknown as ElementContent]
  const formula: Handler = (_state, node: MathNode) => asContent(formulaFor.get(node) ?? '')
  const hast = toHast(tree, { handlers: { ...options.handlers, math: formula, inlineMath: formula } }) as HastRoot
  unwrapBlockFormulas(hast)
  return { tree: hast, problems: rendered.problems, formulas: sources }
}

/** A paragraph that holds only a block formula (a one-line `$$…$$`) gives way to it: no <div> inside <p>. */
function unwrapBlockFormulas(tree: HastRoot) {
  tree.children = tree.children.flatMap((child) => {
    if (child.type !== 'element' || child.tagName !== 'p') return [child]
    const content = child.children.filter((c) => !(c.type === 'text' && !c.value.trim()))
    const only = content[0] as { type: string; value?: string; tagName?: string } | undefined
    const isBlock = content.length === 1 && ((only?.type === 'raw' && only.value?.startsWith('<div')) || (only?.type === 'element' && only.tagName === 'div'))
    return isBlock ? (content as typeof tree.children) : [child]
  })
}
