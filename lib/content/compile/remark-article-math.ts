import type { InlineMath, Math } from 'mdast-util-math'
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx'
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import { renderArticleMath } from '../math/render-article-math'
import { lineOf } from '../math/tex-scanner'
import type { CompileContext } from './context'

/**
 * Replaces every formula with a `<MathBlock i="…"/>` or `<MathInline i="…"/>`
 * placeholder whose HTML lives in `context.math`. Keeping KaTeX's output out of
 * the MDX code keeps compilation fast: MDX and esbuild only see a tiny element.
 */
export function remarkArticleMath(context: CompileContext) {
  return () => (tree: Root) => {
    const found: { node: Math | InlineMath; parent: { children: unknown[] }; index: number }[] = []
    visit(tree, (node, index, parent) => {
      if ((node.type === 'math' || node.type === 'inlineMath') && parent && index !== undefined) {
        found.push({ node: node as Math | InlineMath, parent: parent as { children: unknown[] }, index })
      }
    })
    const rendered = renderArticleMath(
      found.map(({ node }) => ({ tex: node.value, display: node.type === 'math' })),
      context.macros,
    )
    context.labels = Object.fromEntries(rendered.labels)
    for (const problem of rendered.problems) {
      const { node } = found[problem.index]!
      const startLine = node.position?.start.line
      // Display math starts one line after its opening $$.
      const texLine = node.type === 'math' ? 1 : 0
      const line =
        startLine === undefined ? undefined : startLine + texLine + (problem.offset === undefined ? 0 : lineOf(node.value, problem.offset) - 1)
      context.problems.push({ file: context.file, line, message: `math: ${problem.message}` })
    }
    found.forEach(({ node, parent, index }, i) => {
      context.math.push(rendered.html[i] ?? '')
      const attributes = [{ type: 'mdxJsxAttribute' as const, name: 'i', value: String(context.math.length - 1) }]
      const replacement: MdxJsxFlowElement | MdxJsxTextElement =
        node.type === 'math'
          ? { type: 'mdxJsxFlowElement', name: 'MathBlock', attributes, children: [], position: node.position }
          : { type: 'mdxJsxTextElement', name: 'MathInline', attributes, children: [], position: node.position }
      parent.children[index] = replacement
    })
  }
}
