import { describe, expect, it } from 'vitest'
import { renderArticleMath, type MathSource } from './render-article-math'

const display = (tex: string): MathSource => ({ tex, display: true })
const inline = (tex: string): MathSource => ({ tex, display: false })

/** The equation numbers (or tags) shown in each formula, in order. */
function numbersOf(html: string): string[] {
  return [...html.matchAll(/<mtd class="eqn-num"(?: id="[^"]*")?><mtext>([^<]*)<\/mtext><\/mtd>/g)].map((m) => m[1]!)
}

describe('equation numbering', () => {
  it('gives each equation environment the next number, in reading order', () => {
    const { html, problems } = renderArticleMath(
      [display('\\begin{equation}a\\end{equation}'), display('x^2'), display('\\begin{equation}b\\end{equation}')],
      {},
    )
    expect(problems).toEqual([])
    expect(numbersOf(html[0]!)).toEqual(['(1)'])
    expect(numbersOf(html[1]!)).toEqual([])
    expect(numbersOf(html[2]!)).toEqual(['(2)'])
  })

  it('numbers align lines but skips \\nonumber and \\notag', () => {
    const { html, problems } = renderArticleMath(
      [display('\\begin{align} a &= b \\\\ &= c \\nonumber \\\\ &= d \\notag \\\\ &= e \\end{align}')],
      {},
    )
    expect(problems).toEqual([])
    expect(numbersOf(html[0]!)).toEqual(['(1)', '(2)'])
    // Unnumbered rows keep an empty cell so the columns stay aligned.
    expect(html[0]!.match(/<mtd class="eqn-num"><\/mtd>/g)).toHaveLength(2)
  })

  it('numbers every line of gather and alignat', () => {
    const { html } = renderArticleMath(
      [display('\\begin{gather} a \\\\ b \\end{gather}'), display('\\begin{alignat}{2} a &= b & c &= d \\\\ e &= f & g &= h \\end{alignat}')],
      {},
    )
    expect(numbersOf(html[0]!)).toEqual(['(1)', '(2)'])
    expect(numbersOf(html[1]!)).toEqual(['(3)', '(4)'])
  })

  it('leaves starred environments and plain $$ unnumbered', () => {
    const { html } = renderArticleMath(
      [display('\\begin{align*} a &= b \\\\ c &= d \\end{align*}'), display('\\begin{equation*} x \\end{equation*}'), display('e^{i\\pi}+1=0')],
      {},
    )
    for (const formula of html) expect(numbersOf(formula)).toEqual([])
  })

  it('shows \\tag text without consuming a number', () => {
    const { html, labels } = renderArticleMath(
      [
        display('\\begin{equation} a \\tag{A} \\label{eq:a} \\end{equation}'),
        display('\\begin{equation} b \\end{equation}'),
        display('\\begin{align} c &= d \\tag*{star} \\\\ e &= f \\end{align}'),
        display('x + y \\tag{$\\dagger$}'),
      ],
      {},
    )
    expect(numbersOf(html[0]!)).toEqual(['(A)'])
    expect(numbersOf(html[1]!)).toEqual(['(1)'])
    expect(numbersOf(html[2]!)).toEqual(['star', '(2)'])
    expect(html[3]).toMatch(/<mtd class="eqn-num">.*<mtext>\(<\/mtext>.*<mo>†<\/mo>.*<mtext>\)<\/mtext>.*<\/mtd>/)
    expect(labels.get('eq:a')?.text).toBe('A')
  })

  it('gives one number to aligned or split inside equation', () => {
    const { html, problems } = renderArticleMath(
      [
        display('\\begin{equation}\\begin{aligned} a &= b \\\\ &= c \\end{aligned}\\label{eq:x}\\end{equation}'),
        display('\\begin{equation}\\begin{split} a &= b \\\\ &= c \\end{split}\\end{equation}'),
      ],
      {},
    )
    expect(problems).toEqual([])
    expect(numbersOf(html[0]!)).toEqual(['(1)'])
    expect(numbersOf(html[1]!)).toEqual(['(2)'])
  })

  it('does not split rows inside nested environments such as cases', () => {
    const { html } = renderArticleMath(
      [display('\\begin{align} f(x) &= \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases} \\\\ g &= 2 \\end{align}')],
      {},
    )
    expect(numbersOf(html[0]!)).toEqual(['(1)', '(2)'])
  })

  it('ignores a trailing \\\\ instead of numbering an empty line', () => {
    const { html } = renderArticleMath([display('\\begin{align} a &= b \\\\ c &= d \\\\ \\end{align}')], {})
    expect(numbersOf(html[0]!)).toEqual(['(1)', '(2)'])
  })

  it('gives multline one number', () => {
    const { html, problems } = renderArticleMath([display('\\begin{multline} a + b \\\\ + c \\label{eq:m} \\end{multline}')], {})
    expect(problems).toEqual([])
    expect(numbersOf(html[0]!)).toEqual(['(1)'])
  })
})

describe('labels and references', () => {
  it('resolves \\eqref and \\ref both backwards and forwards', () => {
    const { html, problems } = renderArticleMath(
      [
        inline('\\eqref{eq:later}'),
        display('\\begin{equation} a \\label{eq:first} \\end{equation}'),
        display('\\begin{align} b &= c \\\\ d &= e \\label{eq:later} \\end{align}'),
        inline('x = \\ref{eq:first} + \\eqref{eq:later}'),
      ],
      {},
    )
    expect(problems).toEqual([])
    expect(html[0]).toBe('<a class="eqref" href="#eqn-eq-later">(3)</a>')
    expect(html[2]).toContain('<mtd class="eqn-num" id="eqn-eq-later"><mtext>(3)</mtext></mtd>')
    expect(html[3]).toContain('<mtext><a class="eqref" href="#eqn-eq-first">1</a></mtext>')
    expect(html[3]).toContain('<mtext><a class="eqref" href="#eqn-eq-later">(3)</a></mtext>')
  })

  it('resolves references inside display math', () => {
    const { html } = renderArticleMath(
      [display('\\begin{equation} a \\label{eq:a} \\end{equation}'), display('\\text{by } \\eqref{eq:a}')],
      {},
    )
    expect(html[1]).toContain('href="#eqn-eq-a">(1)</a>')
  })

  it('reports an unknown reference with its name', () => {
    const { problems } = renderArticleMath([inline('\\eqref{eq:missing}')], {})
    expect(problems).toEqual([
      { index: 0, offset: 0, message: 'Unknown \\eqref{eq:missing}: no \\label{eq:missing} in this article' },
    ])
  })

  it('reports a duplicate label', () => {
    const { problems } = renderArticleMath(
      [display('\\begin{equation} a \\label{eq:a} \\end{equation}'), display('\\begin{equation} b \\label{eq:a} \\end{equation}')],
      {},
    )
    expect(problems).toEqual([{ index: 1, message: 'Duplicate \\label{eq:a}: each label may appear once per article' }])
  })

  it('refuses a label on an unnumbered formula', () => {
    const { problems } = renderArticleMath([display('a = b \\label{eq:a}')], {})
    expect(problems[0]?.message).toMatch(/unnumbered formula/)
  })

  it('refuses a label in inline math', () => {
    const { problems } = renderArticleMath([inline('a \\label{eq:a}')], {})
    expect(problems[0]?.message).toBe('\\label only works in display math ($$…$$)')
  })
})

describe('KaTeX', () => {
  it('reports TeX that KaTeX cannot parse, with KaTeX’s message', () => {
    const { problems, html } = renderArticleMath([inline('\\frac{a}{')], {})
    expect(html[0]).toBe('')
    expect(problems[0]?.message).toMatch(/^KaTeX parse error/)
  })

  it('accepts CJK text inside \\text', () => {
    const { problems, html } = renderArticleMath([inline('x \\text{当且仅当} y')], {})
    expect(problems).toEqual([])
    expect(html[0]).toContain('<mtext>当且仅当</mtext>')
  })

  it('expands shared macros and refuses \\href', () => {
    const { html, problems } = renderArticleMath(
      [inline('\\R^n'), inline('\\href{javascript:alert(1)}{x}')],
      { '\\R': '\\mathbb{R}' },
    )
    expect(html[0]).toContain('<mi>ℝ</mi>')
    expect(problems).toEqual([])
    expect(html[1]).not.toContain('javascript:')
  })
})
