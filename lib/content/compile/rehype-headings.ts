import type { Element, ElementContent, Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'
import type { TocEntry } from '../catalog/types'
import './article-data'

interface MathPlaceholder {
  type: 'mdxJsxTextElement' | 'mdxJsxFlowElement'
  name: string
  attributes: { type: string; name: string; value: unknown }[]
}

function mathIndex(node: unknown): number | undefined {
  const candidate = node as Partial<MathPlaceholder>
  if (candidate.type !== 'mdxJsxTextElement' || (candidate.name !== 'MathInline' && candidate.name !== 'MathBlock')) return undefined
  const value = candidate.attributes?.find((attribute) => attribute.name === 'i')?.value
  return typeof value === 'string' ? Number(value) : undefined
}

/**
 * After rehype-slug gave every heading an id: records h2/h3 for the table of
 * contents, formulas included, and appends a small "#" link so a section can be
 * linked to.
 */
export function rehypeHeadings() {
  return (tree: Root, file: VFile) => {
    const labels = file.data.labels ?? {}
    const math = file.data.math ?? []
    const mathSources = file.data.mathSources ?? []
    const toc: TocEntry[] = (file.data.toc = [])
    visitHeadings(tree, labels, math, mathSources, toc)
  }
}

function visitHeadings(
  tree: Root,
  labels: Readonly<Record<string, { text: string }>>,
  math: readonly string[],
  mathSources: readonly { tex: string }[],
  toc: TocEntry[],
) {
  // What a reference reads as in plain text: "(3)" for \eqref, "3" for \ref.
  const referenceText = (tex: string) =>
    tex.replace(/\\(eqref|ref)\s*\{([^{}]*)\}/g, (written, name: string, key: string) => {
      const label = labels[key.trim()]
      if (!label) return written
      return name === 'eqref' ? `(${label.text})` : label.text
    })
  const textOf = (nodes: readonly ElementContent[]): string =>
    nodes
      .map((node) => {
        if (node.type === 'text') return node.value
        const index = mathIndex(node)
        if (index !== undefined) {
          const tex = referenceText(mathSources[index]?.tex.trim() ?? '')
          return /^\(?[\w.'†‡*-]+\)?$/.test(tex) ? tex : `$${tex}$`
        }
        return node.type === 'element' ? textOf(node.children) : ''
      })
      .join('')
  const htmlOf = (nodes: readonly ElementContent[]): string =>
    nodes
      .map((node) => {
        const index = mathIndex(node)
        if (index !== undefined) {
          // The entry is a link: a reference inside it shows its number without being a link itself.
          return (math[index] ?? '').replace(/<a class="eqref" href="[^"]*">([\s\S]*?)<\/a>/g, '<span class="eqref">$1</span>')
        }
        if (node.type === 'element') return `<${node.tagName}>${htmlOf(node.children)}</${node.tagName}>`
        return toHtml(node as ElementContent)
      })
      .join('')

  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'h2' && node.tagName !== 'h3') return
    const id = typeof node.properties.id === 'string' ? node.properties.id : undefined
    if (!id) return
    const text = textOf(node.children).replace(/\s+/g, ' ').trim()
    toc.push({ depth: node.tagName === 'h2' ? 2 : 3, id, text, html: htmlOf(node.children).trim() })
    node.children.push({
      type: 'element',
      tagName: 'a',
      properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: `链接到本节：${text}` },
      children: [{ type: 'text', value: '#' }],
    })
  })
}
