import { preload } from 'react-dom'
import { fontsUsedBy, katexFontUrl } from '@/lib/math/katex-assets'

/**
 * Called by pages that show formulas, with their rendered math: the KaTeX fonts
 * they need start downloading with the HTML instead of after the stylesheet is
 * parsed and the formulas are styled, so formulas lay out once.
 */
export function preloadMathFonts(formulas: Iterable<string>) {
  for (const font of fontsUsedBy(formulas)) {
    preload(katexFontUrl(font), { as: 'font', type: 'font/woff2', crossOrigin: 'anonymous' })
  }
}
