import type { InlineMath, Math } from 'mdast-util-math'
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx'
import type { Paragraph, Parent, Root } from 'mdast'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'
import { renderFormulas, type EquationLabel, type Macros, type MathSource } from '@/lib/math/render-formulas'
import { blankComments, findCommands, lineOf } from '@/lib/math/tex-source'
import './article-data'

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
 * placeholder whose HTML lives in `file.data.math`. Keeping KaTeX's output out
 * of the MDX code keeps compilation fast: MDX only sees a tiny element.
 *
 * Theorem and figure labels (numbered earlier, remark-components.ts) join the
 * renderer's label table, so `$\ref{thm:main}$` resolves in the same place as
 * equation references and a label is unique across both.
 */
export function remarkArticleMath(options: { macros: Macros }) {
  return (tree: Root, file: VFile) => {
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
    const blocks = file.data.blocks ?? []
    const blockLabels = new Map<string, EquationLabel>(blocks.map((block) => [block.key, { key: block.key, text: block.number, anchor: block.anchor }]))
    const rendered = renderFormulas(
      found.map((f) => f.source),
      { macros: options.macros, externalLabels: blockLabels },
    )
    file.data.labels = Object.fromEntries(rendered.labels)
    const pointOf = (index: number, offset: number | undefined) => {
      const { node } = found[index]!
      const start = node.position?.start
      if (!start) return undefined
      // A $$ block's TeX starts on the line after its opening $$.
      const texLine = node.type === 'math' ? 1 : 0
      return { line: start.line + texLine + (offset === undefined ? 0 : lineOf(node.value, offset) - 1), column: 1 }
    }
    for (const problem of rendered.problems) {
      const related = problem.related ? pointOf(problem.related.index, problem.related.offset) : undefined
      const duplicateOfBlock = /^Duplicate \\label\{([^}]*)\}/.exec(problem.message)?.[1]
      const block = duplicateOfBlock === undefined ? undefined : blocks.find((b) => b.key === duplicateOfBlock)
      const first = related ? ` (first defined on line ${related.line})` : block ? ` (already the label of ${block.name}, line ${block.line})` : ''
      file.message(`math: ${problem.message}${first}`, pointOf(problem.index, problem.offset))
    }
    // `\eqref` prints "(1)": right for equations, wrong for a theorem or a figure.
    found.forEach(({ node, source }) => {
      for (const ref of findCommands(blankComments(source.tex), ['eqref'])) {
        const block = blocks.find((b) => b.key === ref.argument)
        if (block) file.message(`math: \\eqref{${ref.argument}} names ${block.name}; write $\\ref{${ref.argument}}$ or <Ref to="${ref.argument}" />`, node)
      }
    })
    const math: string[] = (file.data.math = [])
    const sources: MathSource[] = (file.data.mathSources = [])
    found.forEach(({ node, parent, index, source }, i) => {
      math.push(rendered.html[i] ?? '')
      sources.push(source)
      const attributes = [{ type: 'mdxJsxAttribute' as const, name: 'i', value: String(math.length - 1) }]
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
