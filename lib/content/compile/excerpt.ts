import type {} from 'mdast-util-mdx'
import type { Root, RootContent } from 'mdast'
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx'
import { toHast, type Handler } from 'mdast-util-to-hast'
import { toHtml } from 'hast-util-to-html'
import { markdownWithMath } from '@/lib/math/markdown'
import type { EquationLabel, Macros } from '@/lib/math/render-formulas'

/**
 * Excerpts keep their math: they are rendered to HTML at build time from the
 * same syntax tree as the article, so list pages need no MDX code at all.
 */

const MORE_MARKER = /^\s*\/\*\s*more\s*\*\/\s*$/

export function isMoreMarker(node: RootContent): boolean {
  return node.type === 'mdxFlowExpression' && MORE_MARKER.test(node.value)
}

/** Everything before `{/* more *\/}`, or else the first paragraph. */
export function selectExcerptNodes(tree: Root): RootContent[] {
  const markerIndex = tree.children.findIndex(isMoreMarker)
  if (markerIndex !== -1) {
    return tree.children.slice(0, markerIndex).filter((node) => node.type !== 'yaml' && node.type !== 'mdxjsEsm')
  }
  const first = tree.children.find((node) => node.type === 'paragraph')
  return first ? [first] : []
}

function mathIndex(node: MdxJsxFlowElement | MdxJsxTextElement): number | undefined {
  const attribute = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'i')
  return attribute && typeof attribute.value === 'string' ? Number(attribute.value) : undefined
}

/** HTML for excerpt nodes whose formulas were already replaced by placeholders. */
export function excerptToHtml(nodes: RootContent[], math: readonly string[], articleUrl: string): string {
  const placeholder: Handler = (_state, node: MdxJsxFlowElement | MdxJsxTextElement) => {
    const index = mathIndex(node)
    if (index === undefined || (node.name !== 'MathBlock' && node.name !== 'MathInline')) return undefined
    return { type: 'raw', value: math[index] ?? '' }
  }
  const drop: Handler = () => undefined
  const hast = toHast(
    { type: 'root', children: nodes },
    {
      handlers: {
        mdxJsxFlowElement: placeholder,
        mdxJsxTextElement: placeholder,
        mdxFlowExpression: drop,
        mdxTextExpression: drop,
        footnoteReference: drop,
      },
    },
  )
  // The excerpt is shown on other pages: references point into the article.
  return toHtml(hast, { allowDangerousHtml: true }).replaceAll('href="#', `href="${articleUrl}#`)
}

/** A front-matter summary: one line of text that may contain $inline math$. */
export function summaryToHtml(
  summary: string,
  macros: Macros,
  labels: Readonly<Record<string, EquationLabel>> = {},
  articleUrl = '',
): { html: string; problems: string[] } {
  const rendered = markdownWithMath(summary, { macros, numbered: false, externalLabels: new Map(Object.entries(labels)), hrefBase: articleUrl })
  return { html: toHtml(rendered.tree, { allowDangerousHtml: true }), problems: rendered.problems.map((p) => p.message) }
}

/** Prose of the article for search: text and inline code, no math, no code blocks. */
export function extractText(tree: Root): string {
  const blocks: string[] = []
  const walk = (node: RootContent, out: string[]) => {
    if (node.type === 'text' || node.type === 'inlineCode') out.push(node.value)
    if (node.type === 'code' || node.type === 'yaml' || node.type === 'mdxjsEsm') return
    if ('children' in node) for (const child of node.children as RootContent[]) walk(child, out)
  }
  for (const node of tree.children) {
    const out: string[] = []
    walk(node, out)
    const text = out.join('').replace(/\s+/g, ' ').trim()
    if (text) blocks.push(text)
  }
  return blocks.join('\n')
}
