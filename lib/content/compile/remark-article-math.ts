import type { InlineMath, Math } from 'mdast-util-math'
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx'
import type { Paragraph, Parent, Root } from 'mdast'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'
import { renderFormulas, type MathSource } from '@/lib/math/render-formulas'
import { lineOf } from '@/lib/math/tex-source'
import type { CompileContext } from './context'

interface Found {
  node: Math | InlineMath
  parent: Parent
  index: number
  source: MathSource
}

/** `$$…$$` written inside a line is display math, as in MathJax; remark-math reads it as inline. */
function isDoubleDollar(node: InlineMath, file: VFile): boolean {
  const start = node.position?.start.offset
  return start !== undefined && String(file.value).startsWith('$$', start)
}

/** A paragraph that holds nothing but this formula (and whitespace). */
function standsAlone(parent: Parent, node: InlineMath): boolean {
  return parent.type === 'paragraph' && parent.children.every((child) => child === node || (child.type === 'text' && child.value.trim() === ''))
}

/**
 * Replaces every formula with a `<MathBlock i="…"/>` or `<MathInline i="…"/>`
 * placeholder whose HTML lives in `context.math`. Keeping KaTeX's output out of
 * the MDX code keeps compilation fast: MDX and esbuild only see a tiny element.
 */
export function remarkArticleMath(context: CompileContext) {
  return () => (tree: Root, file: VFile) => {
    const found: Found[] = []
    visit(tree, (node, index, parent) => {
      if ((node.type !== 'math' && node.type !== 'inlineMath') || !parent || index === undefined) return
      if (node.type === 'math') {
        found.push({ node, parent, index, source: { tex: node.value, display: true } })
        return
      }
      const display = isDoubleDollar(node, file)
      found.push({ node, parent, index, source: { tex: node.value, display, inParagraph: display && !standsAlone(parent, node) } })
    })
    const rendered = renderFormulas(
      found.map((f) => f.source),
      { macros: context.macros },
    )
    context.labels = Object.fromEntries(rendered.labels)
    const lineOfProblem = (index: number, offset: number | undefined) => {
      const { node } = found[index]!
      const startLine = node.position?.start.line
      if (startLine === undefined) return undefined
      // A $$ block's TeX starts on the line after its opening $$.
      const texLine = node.type === 'math' ? 1 : 0
      return startLine + texLine + (offset === undefined ? 0 : lineOf(node.value, offset) - 1)
    }
    for (const problem of rendered.problems) {
      const line = lineOfProblem(problem.index, problem.offset)
      const related = problem.related ? lineOfProblem(problem.related.index, problem.related.offset) : undefined
      const message = related === undefined ? problem.message : `${problem.message} (first defined on line ${related})`
      context.problems.push({ file: context.file, line, message: `math: ${message}` })
    }
    found.forEach(({ node, parent, index, source }, i) => {
      context.math.push(rendered.html[i] ?? '')
      context.mathSources.push(source)
      const attributes = [{ type: 'mdxJsxAttribute' as const, name: 'i', value: String(context.math.length - 1) }]
      if (source.display && !source.inParagraph && node.type === 'inlineMath') {
        // `$$…$$` alone on its line: the paragraph around it becomes the block.
        const block: MdxJsxFlowElement = { type: 'mdxJsxFlowElement', name: 'MathBlock', attributes, children: [], position: parent.position }
        ;(parent as Paragraph).children = [block as unknown as Paragraph['children'][number]]
        return
      }
      const replacement: MdxJsxFlowElement | MdxJsxTextElement =
        node.type === 'math'
          ? { type: 'mdxJsxFlowElement', name: 'MathBlock', attributes, children: [], position: node.position }
          : { type: 'mdxJsxTextElement', name: 'MathInline', attributes, children: [], position: node.position }
      parent.children[index] = replacement as Parent['children'][number]
    })
    // Paragraphs that only held a one-line $$…$$ are replaced by their block.
    visit(tree, 'paragraph', (node, index, parent) => {
      const only = node.children[0] as unknown as MdxJsxFlowElement | undefined
      if (parent && index !== undefined && node.children.length === 1 && only?.type === 'mdxJsxFlowElement') {
        parent.children[index] = only as unknown as Root['children'][number]
      }
    })
  }
}
