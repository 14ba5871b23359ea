import katex from 'katex'

/**
 * KaTeX's stylesheet and fonts, served by the site itself (app/katex/…) under
 * a path that names KaTeX's version, so browsers may keep them for good and a
 * KaTeX upgrade changes every URL at once.
 */
export const KATEX_VERSION = katex.version
export const KATEX_BASE = `/katex/${KATEX_VERSION}`
export const KATEX_STYLESHEET = `${KATEX_BASE}/katex.min.css`

export function katexFontUrl(font: KatexFont): string {
  return `${KATEX_BASE}/fonts/KaTeX_${font}.woff2`
}

export type KatexFont =
  | 'Main-Regular'
  | 'Main-Bold'
  | 'Main-Italic'
  | 'Math-Italic'
  | 'Math-BoldItalic'
  | 'AMS-Regular'
  | 'Size1-Regular'
  | 'Size2-Regular'
  | 'Size3-Regular'
  | 'Size4-Regular'
  | 'Caligraphic-Regular'
  | 'Fraktur-Regular'
  | 'Script-Regular'
  | 'SansSerif-Regular'
  | 'Typewriter-Regular'

// KaTeX classes that are set in each font (katex.min.css's font-family rules).
// Preloading a font the page does not use costs a download and a console
// warning, so only clear signs count. The Size fonts are for sized delimiters
// and big operators only: `sizing … size1` is script-size text in Main, not Size1.
const FONT_SIGNS: [KatexFont, RegExp][] = [
  ['Main-Regular', /class="m(?:ord|rel|bin|open|close|punct|op)[ "]/],
  ['Math-Italic', /\bmathnormal\b/],
  ['Main-Bold', /\bmathbf\b|\btextbf\b/],
  ['Math-BoldItalic', /\bboldsymbol\b/],
  ['AMS-Regular', /\bamsrm\b|\bmathbb\b/],
  ['Size1-Regular', /\bdelimsizing size1\b|\bsmall-op\b|\bdelim-size1\b/],
  ['Size2-Regular', /\bdelimsizing size2\b|\blarge-op\b/],
  ['Size3-Regular', /\bdelimsizing size3\b/],
  ['Size4-Regular', /\bdelimsizing size4\b|\bdelim-size4\b/],
  ['Caligraphic-Regular', /\bmathcal\b/],
]

/** The fonts a page of these formulas will certainly need, to preload with the HTML. */
export function fontsUsedBy(html: Iterable<string>): KatexFont[] {
  const used = new Set<KatexFont>()
  for (const formula of html) {
    for (const [font, sign] of FONT_SIGNS) if (!used.has(font) && sign.test(formula)) used.add(font)
    if (used.size === FONT_SIGNS.length) break
  }
  return FONT_SIGNS.map(([font]) => font).filter((font) => used.has(font))
}
