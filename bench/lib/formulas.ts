import { fromMarkdown } from 'mdast-util-from-markdown'
import { mathFromMarkdown } from 'mdast-util-math'
import { math as mathSyntax } from 'micromark-extension-math'

export interface Formula {
  tex: string
  display: boolean
}

/** The TeX of every formula of an article's source, in reading order, as remark-math finds them. */
export function formulasOf(source: string): Formula[] {
  const tree = fromMarkdown(source.replace(/^---[\s\S]*?---\n/, ''), { extensions: [mathSyntax()], mdastExtensions: [mathFromMarkdown()] })
  const found: Formula[] = []
  const walk = (node: { type: string; value?: string; children?: unknown[] }) => {
    if (node.type === 'math' || node.type === 'inlineMath') found.push({ tex: node.value ?? '', display: node.type === 'math' })
    for (const child of (node.children ?? []) as (typeof node)[]) walk(child)
  }
  walk(tree)
  return found
}
