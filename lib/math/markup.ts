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
  /** An inline formula with a piece too wide to break (app/styles/math.css). */
  scroll: 'math-scroll',
  error: 'math-error',
} as const

// KaTeX lets an inline formula break between its pieces (after relations and
// operators), not inside one. A piece longer than this many glyphs may be wider
// than a phone, so the formula scrolls in its own box instead of the page.
const LONG_PIECE_GLYPHS = 26
// KaTeX's font is 1.21 times the text's: its em in the text's em.
const KATEX_EM = 1.21

/** The deepest a formula reaches below its baseline, in KaTeX em, and its longest unbreakable piece in glyphs. */
function inlineExtent(html: string): { depth: number; longestPiece: number } {
  const visible = html.slice(html.indexOf('<span class="katex-html"'))
  const pieces = visible.split('<span class="katex-base">').slice(1)
  let depth = 0
  let longestPiece = 0
  for (const piece of pieces) {
    const strut = /class="katex-strut" style="height:[\d.]+em;(?:vertical-align:(-?[\d.]+)em;)?/.exec(piece)
    depth = Math.max(depth, -Number(strut?.[1] ?? 0))
    const glyphs = Array.from(piece.replace(/<[^>]*>/g, '').replace(/[\u200b\s]/g, '')).length
    longestPiece = Math.max(longestPiece, glyphs)
  }
  return { depth, longestPiece }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export function formulaMarkup(html: string, kind: FormulaKind, options: { multline?: boolean } = {}): string {
  if (kind === 'inline') {
    const extent = inlineExtent(html)
    if (extent.longestPiece <= LONG_PIECE_GLYPHS) return `<span class="${MATH_CLASSES.inline}">${html}</span>`
    // A scrolling box sits on its bottom edge; its depth puts the formula's baseline back on the text's.
    const depth = (extent.depth * KATEX_EM).toFixed(3)
    return `<span class="${MATH_CLASSES.inline} ${MATH_CLASSES.scroll}" style="--math-depth:${depth}em">${html}</span>`
  }
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
