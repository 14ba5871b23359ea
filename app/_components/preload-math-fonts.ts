import { preload } from 'react-dom'
import { fontsUsedBy, katexFontUrl, type KatexFont } from '@/lib/math/katex-assets'

/**
 * Called by pages that show formulas, with their rendered math: the KaTeX fonts
 * they need start downloading with the HTML instead of after the stylesheet is
 * parsed and the formulas are styled, so formulas lay out once.
 */
export function preloadMathFonts(formulas: Iterable<string>) {
  preloadKatexFonts(fontsUsedBy(formulas))
}

/** The same, for fonts the build already found (an article's `mathFonts` in the catalog). */
export function preloadKatexFonts(fonts: readonly string[]) {
  for (const font of fonts) {
    preload(katexFontUrl(font as KatexFont), { as: 'font', type: 'font/woff2', crossOrigin: 'anonymous' })
  }
}
