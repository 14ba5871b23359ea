import type {} from 'mdast-util-mdx'
import type { Root, RootContent } from 'mdast'
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx'
import { toHast, type Handler } from 'mdast-util-to-hast'
import { toHtml } from 'hast-util-to-html'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { mathFromMarkdown } from 'mdast-util-math'
import { math } from 'micromark-extension-math'
import { renderArticleMath, type Macros } from '../math/render-article-math'

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
    const html = (math[index] ?? '').replaceAll('href="#', `href="${articleUrl}#`)
    return node.name === 'MathBlock'
      ? { type: 'raw', value: `<div class="math-display">${html}</div>` }
      : { type: 'raw', value: `<span class="math-inline">${html}</span>` }
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
  return toHtml(hast, { allowDangerousHtml: true })
}

/** A front-matter summary: one line of text that may contain $inline math$. */
export function summaryToHtml(summary: string, macros: Macros): { html: string; problems: string[] } {
  const tree = fromMarkdown(summary, { extensions: [math()], mdastExtensions: [mathFromMarkdown()] })
  const formulas: { value: string; display: boolean }[] = []
  const collect = (node: { type: string; value?: string; children?: unknown[] }) => {
    if ((node.type === 'inlineMath' || node.type === 'math') && node.value !== undefined) {
      formulas.push({ value: node.value, display: node.type === 'math' })
    }
    for (const child of (node.children ?? []) as (typeof node)[]) collect(child)
  }
  collect(tree)
  const rendered = renderArticleMath(
    formulas.map((f) => ({ tex: f.value, display: f.display })),
    macros,
  )
  let next = 0
  const hast = toHast(tree, {
    handlers: {
      inlineMath: () => ({ type: 'raw', value: `<span class="math-inline">${rendered.html[next++] ?? ''}</span>` }),
      math: () => ({ type: 'raw', value: `<div class="math-display">${rendered.html[next++] ?? ''}</div>` }),
    },
  })
  return { html: toHtml(hast, { allowDangerousHtml: true }), problems: rendered.problems.map((p) => p.message) }
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
