import { preload } from 'react-dom'

/**
 * Called by pages that show formulas: the math font starts downloading with the
 * HTML instead of after the CSS is parsed, so formulas lay out once.
 */
export function preloadMathFont() {
  preload('/fonts/math.woff2', { as: 'font', type: 'font/woff2', crossOrigin: 'anonymous' })
}
