/**
 * The markup around a formula, written in one place: every page, excerpt,
 * feed and comment wraps math the same way, so CSS and scripts (scrolling
 * wide formulas, equation previews, copying TeX) find it the same way.
 */

export type FormulaKind = 'display' | 'display-in-paragraph' | 'inline'

export const MATH_CLASSES = {
  display: 'math-display',
  inline: 'math-inline',
  multline: 'math-multline',
  error: 'math-error',
} as const

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export function formulaMarkup(html: string, kind: FormulaKind, options: { multline?: boolean } = {}): string {
  if (kind === 'inline') return `<span class="${MATH_CLASSES.inline}">${html}</span>`
  const classes = options.multline ? `${MATH_CLASSES.display} ${MATH_CLASSES.multline}` : MATH_CLASSES.display
  // Display math inside a paragraph cannot be a <div>; CSS makes the span a block.
  const tag = kind === 'display' ? 'div' : 'span'
  return `<${tag} class="${classes}">${html}</${tag}>`
}

/** A formula that could not be rendered, shown as its source and marked (comments). */
export function formulaErrorMarkup(tex: string, display: boolean, message: string): string {
  const delimiter = display ? '$$' : '$'
  return `<span class="${MATH_CLASSES.error}" title="${escapeHtml(message || '公式无法显示')}">${escapeHtml(`${delimiter}${tex}${delimiter}`)}</span>`
}

/**
 * The MathML of one formula's markup, for places that have neither our CSS nor
 * KaTeX's fonts (feeds, mail): readers there typeset MathML themselves. KaTeX
 * writes exactly one <math> element per formula (multline included).
 */
export function formulaMathml(markup: string): string {
  const found = /<math[\s\S]*?<\/math>/.exec(markup)?.[0]
  if (!found) return markup
  // The TeX annotation is for copying on our pages; a mail or feed reader that does
  // not know <semantics> would show it beside the formula.
  const math = found.replace(/<semantics>([\s\S]*)<annotation[\s\S]*?<\/annotation><\/semantics>/, '$1')
  return /^<div|^<span class="math-display/.test(markup) && !math.includes('display="block"') ? math.replace('<math', '<math display="block"') : math
}
