import { describe, expect, it } from 'vitest'
import { fontsUsedBy } from './katex-assets'
import { renderFormulas } from './render-formulas'

const fontsFor = (tex: string, display = true) => fontsUsedBy(renderFormulas([{ tex, display }], { macros: {}, numbered: false }).html)

describe('fontsUsedBy', () => {
  it('preloads the delimiter font of each size KaTeX picks', () => {
    expect(fontsFor('\\bigl( x \\bigr)')).toContain('Size1-Regular')
    expect(fontsFor('\\Bigl( x \\Bigr)')).toContain('Size2-Regular')
    expect(fontsFor('\\biggl( x \\biggr)')).toContain('Size3-Regular')
    expect(fontsFor('\\Biggl( x \\Biggr)')).toContain('Size4-Regular')
    // Taller than Size4: KaTeX stacks a brace from Size4 pieces, an arrow from Size1 ones.
    const six = '\\begin{matrix} a \\\\ b \\\\ c \\\\ d \\\\ e \\\\ f \\end{matrix}'
    expect(fontsFor(`\\left\\{ ${six} \\right\\}`)).toContain('Size4-Regular')
    expect(fontsFor(`\\left\\uparrow ${six} \\right\\downarrow`)).toContain('Size1-Regular')
  })

  it('preloads the big-operator fonts for display and inline sums', () => {
    expect(fontsFor('\\sum_{i} x_i')).toContain('Size2-Regular')
    expect(fontsFor('\\sum_i x_i', false)).toContain('Size1-Regular')
  })

  it('does not take script-size text for a delimiter font', () => {
    // Second-level scripts carry `sizing reset-size3 size1`: Main and Math fonts, not Size1.
    expect(fontsFor('e^{x^{2}}')).toEqual(['Main-Regular', 'Math-Italic'])
  })
})
