import type { Element, ElementContent, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { formulaMathml, MATH_CLASSES } from './markup'

/**
 * HTML that contains formulas, with each formula replaced by its MathML: for
 * feeds and mail, which have neither our CSS nor KaTeX's fonts but whose
 * readers often typeset MathML themselves.
 */
export function withMathmlFormulas(html: string): string {
  const tree = fromHtml(html, { fragment: true })
  const replace = (node: Root | Element): void => {
    node.children = node.children.flatMap((child): ElementContent[] => {
      if (child.type !== 'element') return [child as ElementContent]
      const classes = (child.properties.className as string[] | undefined) ?? []
      if (classes.includes(MATH_CLASSES.display) || classes.includes(MATH_CLASSES.inline)) {
        return fromHtml(formulaMathml(toHtml(child)), { fragment: true }).children as ElementContent[]
      }
      replace(child)
      return [child]
    })
  }
  replace(tree)
  return toHtml(tree)
}
