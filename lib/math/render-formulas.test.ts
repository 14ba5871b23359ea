import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderFormulas, type MathSource, type RenderMathOptions } from './render-formulas'

const display = (tex: string): MathSource => ({ tex, display: true })
const inline = (tex: string): MathSource => ({ tex, display: false })
const render = (sources: MathSource[], options: Partial<RenderMathOptions> = {}) => renderFormulas(sources, { macros: {}, ...options })

function elements(html: string, test: (element: Element) => boolean): Element[] {
  const found: Element[] = []
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      if (test(child)) found.push(child)
      walk(child)
    }
  }
  walk(fromHtml(html, { fragment: true }))
  return found
}

const hasClass = (name: string) => (element: Element) => ((element.properties.className as string[] | undefined) ?? []).includes(name)

/** The equation numbers (or tags) drawn in a formula, in order, as readers see them. */
function numbersOf(html: string): string[] {
  return elements(html, hasClass('eqn-number')).map((element) => toString(element).trim())
}

/** What the visible (HTML) part of a formula reads, without the hidden MathML copy. */
function visibleText(html: string): string {
  return elements(html, hasClass('katex-html'))
    .map((element) => toString(element))
    .join('')
    .replace(/\u200b/g, '')
}

function links(html: string): { href: string; text: string }[] {
  return elements(html, (element) => element.tagName === 'a').map((a) => ({ href: String(a.properties.href), text: toString(a).trim() }))
}

describe('equation numbering', () => {
  it('gives each equation environment the next number, in reading order', () => {
    const { html, problems } = render([display('\\begin{equation}a\\end{equation}'), display('x^2'), display('\\begin{equation}b\\end{equation}')])
    expect(problems).toEqual([])
    expect(numbersOf(html[0]!)).toEqual(['(1)'])
    expect(numbersOf(html[1]!)).toEqual([])
    expect(numbersOf(html[2]!)).toEqual(['(2)'])
  })

  it('numbers align lines but skips \\nonumber and \\notag', () => {
    const { html, problems } = render([display('\\begin{align} a &= b \\\\ &= c \\nonumber \\\\ &= d \\notag \\\\ &= e \\end{align}')])
    expect(problems).toEqual([])
    expect(numbersOf(html[0]!)).toEqual(['(1)', '(2)'])
  })

  it('drops the number of an equation that says \\nonumber', () => {
    const { html } = render([display('\\begin{equation} a \\nonumber \\end{equation}'), display('\\begin{equation} b \\end{equation}')])
    expect(numbersOf(html[0]!)).toEqual([])
    expect(numbersOf(html[1]!)).toEqual(['(1)'])
  })

  it('numbers every line of gather, alignat and eqnarray', () => {
    const { html } = render([
      display('\\begin{gather} a \\\\ b \\end{gather}'),
      display('\\begin{alignat}{2} a &= b & c &= d \\\\ e &= f & g &= h \\end{alignat}'),
      display('\\begin{eqnarray} a &=& b \\\\ c &\\le& d \\end{eqnarray}'),
    ])
    expect(numbersOf(html[0]!)).toEqual(['(1)', '(2)'])
    expect(numbersOf(html[1]!)).toEqual(['(3)', '(4)'])
    expect(numbersOf(html[2]!)).toEqual(['(5)', '(6)'])
  })

  it('leaves starred environments and plain $$ unnumbered', () => {
    const { html } = render([
      display('\\begin{align*} a &= b \\\\ c &= d \\end{align*}'),
      display('\\begin{equation*} x \\end{equation*}'),
      display('e^{i\\pi}+1=0'),
    ])
    for (const formula of html) expect(numbersOf(formula)).toEqual([])
  })

  it('shows \\tag text without consuming a number, and typesets math in a tag', () => {
    const { html, labels } = render([
      display('\\begin{equation} a \\tag{A} \\label{eq:a} \\end{equation}'),
      display('\\begin{equation} b \\end{equation}'),
      display('\\begin{align} c &= d \\tag*{star} \\\\ e &= f \\end{align}'),
      display('x + y \\tag{$\\dagger$}'),
    ])
    expect(numbersOf(html[0]!)).toEqual(['(A)'])
    expect(numbersOf(html[1]!)).toEqual(['(1)'])
    expect(numbersOf(html[2]!)).toEqual(['star', '(2)'])
    expect(numbersOf(html[3]!)).toEqual(['(†)'])
    expect(labels.get('eq:a')?.text).toBe('A')
  })

  it('gives one number to aligned or split inside equation, and to multline', () => {
    const { html, problems } = render([
      display('\\begin{equation}\\begin{aligned} a &= b \\\\ &= c \\end{aligned}\\label{eq:x}\\end{equation}'),
      display('\\begin{equation}\\begin{split} a &= b \\\\ &= c \\end{split}\\end{equation}'),
      display('\\begin{multline} a + b \\\\ + c \\\\ + d \\label{eq:m} \\end{multline}'),
    ])
    expect(problems).toEqual([])
    expect(numbersOf(html[0]!)).toEqual(['(1)'])
    expect(numbersOf(html[1]!)).toEqual(['(2)'])
    expect(numbersOf(html[2]!)).toEqual(['(3)'])
  })

  it('sets multline as separate lines, the number with the last', () => {
    const { html } = render([display('\\begin{multline} a \\\\ b \\\\ c \\end{multline}')])
    const lines = elements(html[0]!, hasClass('katex-display'))
    expect(lines).toHaveLength(3)
    expect(lines.map((line) => numbersOf(toHtml(line)))).toEqual([[], [], ['(1)']])
  })

  it('does not split rows inside nested environments such as cases', () => {
    const { html } = render([display('\\begin{align} f(x) &= \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases} \\\\ g &= 2 \\end{align}')])
    expect(numbersOf(html[0]!)).toEqual(['(1)', '(2)'])
  })

  it('ignores a trailing \\\\ instead of numbering an empty line', () => {
    const { html } = render([display('\\begin{align} a &= b \\\\ c &= d \\\\ \\end{align}')])
    expect(numbersOf(html[0]!)).toEqual(['(1)', '(2)'])
  })

  it('gives every number an anchor: its label, or its number', () => {
    const { html } = render([display('\\begin{align} a &= b \\label{eq:first} \\\\ c &= d \\end{align}')])
    expect(elements(html[0]!, hasClass('eqn-number')).map((element) => element.properties.id)).toEqual(['eqn-eq-first', 'eqn-2'])
  })

  it('never gives two numbers one anchor: labels that read alike, or a label named like a number', () => {
    const { html, labels } = render([
      display('\\begin{equation} a \\label{a:b} \\end{equation}'),
      display('\\begin{equation} b \\label{a.b} \\end{equation}'),
      display('\\begin{equation} c \\label{4} \\end{equation}'),
      display('\\begin{equation} d \\end{equation}'),
    ])
    const ids = html.flatMap((formula) => elements(formula, hasClass('eqn-number')).map((element) => element.properties.id))
    expect(ids).toEqual(['eqn-a-b', 'eqn-a-b-2', 'eqn-4', 'eqn-4-2'])
    expect([labels.get('a:b')?.anchor, labels.get('a.b')?.anchor, labels.get('4')?.anchor]).toEqual(['eqn-a-b', 'eqn-a-b-2', 'eqn-4'])
  })

  it('makes every number a link to itself, kept out of the tab order inside the aria-hidden HTML', () => {
    const { html } = render([display('\\begin{align} a &= b \\label{eq:first} \\\\ c &= d \\end{align}')])
    const numberLinks = elements(html[0]!, hasClass('eqn-link'))
    expect(numberLinks.map((a) => [a.properties.href, a.properties.tabIndex, toString(a).trim()])).toEqual([
      ['#eqn-eq-first', -1, '(1)'],
      ['#eqn-2', -1, '(2)'],
    ])
    // The MathML copy keeps the numbers without links.
    expect(html[0]).not.toMatch(/<m[a-z]+[^>]* href=/)
  })

  it('points number links at the article when rendered off its page', () => {
    const { html } = render([display('\\begin{equation} a \\label{eq:a} \\end{equation}')], { hrefBase: '/archives/post' })
    expect(elements(html[0]!, hasClass('eqn-link')).map((a) => a.properties.href)).toEqual(['/archives/post#eqn-eq-a'])
  })
})

describe('TeX comments', () => {
  it('does not count a commented-out row, label or environment', () => {
    const { html, problems, labels } = render([
      display('% \\begin{equation} x \\end{equation}\n\\begin{align}\na &= b \\label{eq:kept} \\\\\n% c &= d \\\\\n% \\label{eq:old}\ne &= f\n\\end{align}'),
      display('\\begin{equation} g \\end{equation}'),
    ])
    expect(problems).toEqual([])
    expect(numbersOf(html[0]!)).toEqual(['(1)', '(2)'])
    expect(numbersOf(html[1]!)).toEqual(['(3)'])
    expect([...labels.keys()]).toEqual(['eq:kept'])
  })

  it('keeps \\% as a percent sign', () => {
    const { html, problems } = render([inline('50\\% + x % comment')])
    expect(problems).toEqual([])
    expect(visibleText(html[0]!)).toBe('50%+x')
  })
})

describe('labels and references', () => {
  it('resolves \\eqref and \\ref both backwards and forwards', () => {
    const { html, problems } = render([
      inline('\\eqref{eq:later}'),
      display('\\begin{equation} a \\label{eq:first} \\end{equation}'),
      display('\\begin{align} b &= c \\\\ d &= e \\label{eq:later} \\end{align}'),
      inline('x = \\ref{eq:first} + \\eqref{eq:later}'),
    ])
    expect(problems).toEqual([])
    expect(links(html[0]!)).toEqual([{ href: '#eqn-eq-later', text: '(3)' }])
    expect(links(html[3]!)).toEqual([
      { href: '#eqn-eq-first', text: '1' },
      { href: '#eqn-eq-later', text: '(3)' },
    ])
    expect(elements(html[2]!, (element) => element.properties.id === 'eqn-eq-later').map((e) => toString(e))).toEqual(['(3)'])
  })

  it('lays a reference inside other math out inline, where it stands', () => {
    const { html } = render([display('\\begin{equation} a \\label{eq:a} \\end{equation}'), inline('\\text{式}\\eqref{eq:a}\\text{与式}\\ref{eq:a}')])
    expect(visibleText(html[1]!)).toBe('式(1)与式1')
  })

  it('shows the rendered tag, not its TeX, in a reference to a tag with math', () => {
    const { html } = render([display('x \\tag{$\\dagger$} \\label{eq:d}'), inline('\\eqref{eq:d}')])
    expect(links(html[1]!)).toEqual([{ href: '#eqn-eq-d', text: '(†)' }])
  })

  it('reports an unknown reference with its name', () => {
    const { problems } = render([inline('\\eqref{eq:missing}')])
    expect(problems).toEqual([{ index: 0, offset: 0, message: 'Unknown \\eqref{eq:missing}: no \\label{eq:missing} in this article' }])
  })

  it('reports a duplicate label where it is, and where the first one is', () => {
    const { problems } = render([display('\\begin{equation} a \\label{eq:a} \\end{equation}'), display('\\begin{equation}\n b \\label{eq:a} \\end{equation}')])
    expect(problems).toEqual([
      { index: 1, offset: 20, message: 'Duplicate \\label{eq:a}: each label may appear once per article', related: { index: 0, offset: 19 } },
    ])
  })

  it('refuses a label on an unnumbered formula', () => {
    const { problems } = render([display('a = b \\label{eq:a}')])
    expect(problems[0]?.message).toMatch(/unnumbered formula/)
  })

  it('refuses a label in inline math', () => {
    const { problems } = render([inline('a \\label{eq:a}')])
    expect(problems[0]?.message).toBe('\\label only works in display math ($$…$$)')
  })
})

describe('macros', () => {
  it('keeps a \\newcommand from one formula for the formulas after it', () => {
    const { html, problems } = render([inline('\\newcommand{\\KL}{\\mathrm{KL}} \\KL'), inline('\\KL(p, q)'), display('\\def\\half{\\frac12} \\half'), inline('\\half')])
    expect(problems).toEqual([])
    expect(visibleText(html[1]!)).toBe('KL(p,q)')
    expect(visibleText(html[3]!)).toContain('1')
  })

  it('does not leak one call’s definitions into another', () => {
    render([inline('\\newcommand{\\leaky}{x} \\leaky')])
    expect(render([inline('\\leaky')]).problems[0]?.message).toMatch(/Undefined control sequence/)
  })

  it('expands shared macros and refuses \\href', () => {
    const { html, problems } = render([inline('\\R^n'), inline('\\href{javascript:alert(1)}{x}')], { macros: { '\\R': '\\mathbb{R}' } })
    expect(visibleText(html[0]!)).toBe('Rn')
    expect(html[0]).toContain('mathbb')
    expect(problems).toEqual([])
    expect(html[1]).not.toMatch(/href="javascript:/i)
    expect(links(html[1]!)).toEqual([])
  })
})

describe('KaTeX', () => {
  it('reports TeX that KaTeX cannot parse, with KaTeX’s message and the position in the source', () => {
    const { problems, html } = render([display('\\begin{equation}\n a \\label{eq:a} + \\frac{1}{\n\\end{equation}')])
    expect(html[0]).toBe('')
    expect(problems[0]?.message).toMatch(/^KaTeX parse error/)
  })

  it('accepts CJK text inside \\text', () => {
    const { problems, html } = render([inline('x \\text{当且仅当} y')])
    expect(problems).toEqual([])
    expect(visibleText(html[0]!)).toBe('x当且仅当y')
  })

  it('keeps the author’s TeX, without \\label, for copying and screen readers', () => {
    const { html } = render([display('\\begin{equation}\n  a = b % why\n  \\label{eq:a}\n\\end{equation}')])
    expect(html[0]).toContain('<annotation encoding="application/x-tex">\\begin{equation}\n  a = b\n\n\\end{equation}</annotation>')
  })

  it('writes MathML alone for feeds and mail', () => {
    const { html } = render([inline('x^2')], { output: 'mathml' })
    expect(html[0]).toContain('<math')
    expect(html[0]).not.toContain('katex-html')
  })
})

describe('accessibility', () => {
  it('lets the MathML speak, and hides the drawn copy', () => {
    const { html } = render([inline('x^2')])
    expect(html[0]).toContain('<span class="katex-mathml"><math')
    expect(html[0]).toContain('<span class="katex-html" aria-hidden="true">')
  })

  it('never hides a link: with a reference, the drawn copy is read and the MathML hidden', () => {
    const { html } = render([display('\\begin{equation} a \\label{eq:a} \\end{equation}'), inline('\\text{由}\\eqref{eq:a}')])
    expect(html[1]).toContain('<span class="katex-mathml" aria-hidden="true">')
    expect(html[1]).toContain('<span class="katex-html">')
    expect(html[1]).not.toMatch(/aria-hidden="true"[^>]*>(?:(?!<\/span>).)*<a /)
  })
})

describe('numbered displays', () => {
  it('keeps the formula’s pieces in one box beside the number, links or not', () => {
    const { html } = render([display('\\begin{equation} a + b \\label{eq:a} \\end{equation}'), display('\\begin{equation} c = \\eqref{eq:a} + d \\end{equation}')])
    for (const formula of html) {
      expect(formula).toMatch(/<span class="katex-html"(?: aria-hidden="true")?><span class="katex-body">[\s\S]*<\/span><span class="katex-tag">/)
    }
  })
})
