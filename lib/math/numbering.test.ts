import { describe, expect, it } from 'vitest'
import { MathSyntaxError, planEquation } from './numbering'

/** The error planEquation throws for `tex`, as name, message and offset. */
function refusal(tex: string) {
  try {
    planEquation(tex)
  } catch (error) {
    if (!(error instanceof MathSyntaxError)) throw error
    return { name: error.name, message: error.message, offset: error.offset }
  }
  throw new Error(`accepted: ${tex}`)
}

const numbers = (tex: string) => planEquation(tex).rows.map((row) => row.takesNumber)

describe('planEquation', () => {
  it('numbers every row of align, gather, alignat, flalign and eqnarray', () => {
    for (const name of ['align', 'gather', 'flalign', 'eqnarray']) {
      expect(numbers(`\\begin{${name}} a \\\\ b \\end{${name}}`), name).toEqual([true, true])
    }
    expect(numbers('\\begin{alignat}{2} a &= b \\\\ c &= d \\end{alignat}')).toEqual([true, true])
  })

  it('gives equation and multline one number, and aligned or split inside them no more', () => {
    expect(planEquation('\\begin{equation} a \\end{equation}')).toMatchObject({ rows: [{ takesNumber: true, separator: '' }], hasNumbers: true })
    expect(numbers('\\begin{multline} a \\\\ b \\end{multline}')).toEqual([true])
    expect(numbers('\\begin{equation}\\begin{aligned} a \\\\ b \\end{aligned}\\end{equation}')).toEqual([true])
  })

  it('skips rows that say \\nonumber or \\notag, and equations too', () => {
    expect(numbers('\\begin{align} a \\\\ b \\nonumber \\\\ c \\notag \\\\ d \\end{align}')).toEqual([true, false, false, true])
    expect(planEquation('\\begin{equation} a \\nonumber \\end{equation}')).toMatchObject({ rows: [{ takesNumber: false }], hasNumbers: false })
    expect(planEquation('\\begin{multline} a \\\\ b \\notag \\end{multline}')).toMatchObject({ rows: [{ takesNumber: false }], hasNumbers: false })
  })

  it('numbers nothing in starred environments and bare formulas, unless tagged', () => {
    expect(planEquation('\\begin{align*} a \\\\ b \\end{align*}')).toMatchObject({ rows: [{ takesNumber: false }, { takesNumber: false }], hasNumbers: false })
    expect(planEquation('\\begin{equation*} a \\end{equation*}').hasNumbers).toBe(false)
    expect(planEquation('x^2').hasNumbers).toBe(false)
    expect(planEquation('\\begin{cases} a \\end{cases}').hasNumbers).toBe(false)
    expect(planEquation('\\begin{align*} a \\\\ b \\tag{B} \\end{align*}')).toMatchObject({
      rows: [{ takesNumber: false }, { takesNumber: false, tag: { tex: 'B', starred: false } }],
      hasNumbers: true,
    })
    expect(planEquation('x \\tag*{$\\dagger$}')).toMatchObject({ rows: [{ tag: { tex: '$\\dagger$', starred: true }, takesNumber: false }], hasNumbers: true })
  })

  it('lets a tag replace the number without taking one', () => {
    expect(planEquation('\\begin{align} a \\tag{A} \\\\ b \\end{align}').rows.map((row) => [row.takesNumber, row.tag?.tex])).toEqual([
      [false, 'A'],
      [true, undefined],
    ])
    expect(planEquation('\\begin{equation} a \\tag{A} \\end{equation}').rows[0]).toMatchObject({ takesNumber: false, tag: { tex: 'A' } })
  })

  it('hands each row its TeX without the marks, its separator, and its label with where it stands', () => {
    const tex = '\\begin{align} a \\label{p} \\\\[2pt] b \\nonumber \\tag{T} \\end{align}'
    expect(planEquation(tex)).toEqual({
      environment: { name: 'align', starred: false, argument: '', body: expect.any(String), bodyOffset: 13 },
      rows: [
        { tex: ' a  ', separator: '\\\\[2pt]', label: 'p', labelOffset: tex.indexOf('\\label'), tag: undefined, takesNumber: true },
        { tex: ' b   ', separator: '', label: undefined, labelOffset: undefined, tag: { tex: 'T', starred: false }, takesNumber: false },
      ],
      hasNumbers: true,
    })
    const equation = '\\begin{equation} a \\label{e} \\end{equation}'
    expect(planEquation(equation).rows).toEqual([{ tex: ' a  ', separator: '', label: 'e', labelOffset: equation.indexOf('\\label'), tag: undefined, takesNumber: true }])
  })

  it('drops the empty row after a trailing \\\\, and the separator before it', () => {
    expect(planEquation('\\begin{flalign} a \\\\ b \\\\ \\end{flalign}').rows.map((row) => [row.tex, row.separator])).toEqual([
      [' a ', '\\\\'],
      [' b ', ''],
    ])
    // …but keeps a last row that holds a label or a tag, and the only row of an empty environment.
    expect(planEquation('\\begin{align} a \\\\ \\label{x} \\end{align}').rows.map((row) => row.label)).toEqual([undefined, 'x'])
    expect(planEquation('\\begin{align} a \\\\ \\tag{y} \\end{align}').rows.map((row) => row.tag?.tex)).toEqual([undefined, 'y'])
    expect(planEquation('\\begin{align}\\end{align}').rows).toHaveLength(1)
    expect(planEquation('\\begin{align} \\end{align}').rows).toHaveLength(1)
  })

  it('refuses a \\label or \\tag without a braced argument, where it stands', () => {
    expect(refusal('\\begin{equation} a \\label \\end{equation}')).toEqual({
      name: 'MathSyntaxError',
      message: '\\label needs a braced argument, e.g. \\label{eq:name}',
      offset: 19,
    })
    expect(refusal('\\begin{align} a \\\\ b \\tag \\end{align}')).toEqual({
      name: 'MathSyntaxError',
      message: '\\tag needs a braced argument, e.g. \\tag{eq:name}',
      offset: 21,
    })
  })

  it('refuses two labels or two tags on one line, pointing at the second', () => {
    expect(refusal('\\begin{align} a \\\\ b \\label{x} \\label{y} \\end{align}')).toEqual({
      name: 'MathSyntaxError',
      message: 'One equation has two labels (x, y); give each numbered line its own',
      offset: 31,
    })
    expect(refusal('\\begin{equation} a \\tag{1} \\tag{2} \\end{equation}')).toEqual({
      name: 'MathSyntaxError',
      message: 'One equation has two \\tag commands',
      offset: 27,
    })
    expect(numbers('\\begin{align} a \\label{x} \\\\ b \\label{y} \\end{align}')).toEqual([true, true])
  })

  it('refuses a label on a line or formula without a number, unless it has a tag', () => {
    expect(refusal('\\begin{align} a \\\\ b \\nonumber \\label{z} \\end{align}')).toEqual({
      name: 'MathSyntaxError',
      message: '\\label{z} is on a line without a number (\\nonumber or starred environment); add \\tag{…} or remove the label',
      offset: 31,
    })
    expect(refusal('\\begin{align*} a \\label{s} \\end{align*}').message).toMatch(/^\\label\{s\} is on a line without a number/)
    expect(refusal('  x \\label{k}')).toEqual({
      name: 'MathSyntaxError',
      message: '\\label{k} is on an unnumbered formula; use \\begin{equation} … \\end{equation} or add \\tag{…}',
      offset: 4,
    })
    expect(refusal('\\begin{equation*} a \\label{k} \\end{equation*}').offset).toBe(20)
    expect(planEquation('\\begin{align*} a \\label{s} \\tag{S} \\end{align*}').rows[0]).toMatchObject({ label: 's', tag: { tex: 'S' } })
    expect(planEquation('x \\label{k} \\tag{K}').rows[0]).toMatchObject({ label: 'k', tag: { tex: 'K' } })
  })
})
