/**
 * Printing: a display formula wider than the page is scaled down to fit
 * instead of running off its right edge (CSS cannot shrink a box to fit its
 * container on its own). Just before printing, each formula's natural width
 * is measured in units of its own font size and handed to the print
 * stylesheet as `--formula-width`; app/styles/print.css sizes the formula's
 * font so that many em fill the printed line, and never above its normal size.
 *
 * KaTeX sizes everything in em, so the formula scales as a whole, its
 * number included. This runs synchronously in `beforeprint` (the print layout
 * follows right after, so it cannot wait for a download): it is small and
 * lives in the article's first-load code.
 */

/** Measured widths are rounded up by this much, for hairlines and rounding. */
const SLACK = 1.02

export function measureFormulasForPrint(root: ParentNode = document): void {
  const formulas = [...root.querySelectorAll<HTMLElement>('.math-display')]
  // All writes, then all reads, then all writes: three layouts, not one per formula.
  for (const formula of formulas) formula.style.width = '0'
  const widths = formulas.map((formula) => {
    const katex = formula.querySelector('.katex')
    const fontSize = katex ? parseFloat(getComputedStyle(katex).fontSize) : 0
    return fontSize > 0 ? (formula.scrollWidth / fontSize) * SLACK : 0
  })
  formulas.forEach((formula, index) => {
    formula.style.removeProperty('width')
    if (widths[index]! > 0) formula.style.setProperty('--formula-width', widths[index]!.toFixed(3))
  })
}
