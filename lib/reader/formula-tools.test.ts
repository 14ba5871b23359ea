import type { Element, Root, RootContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderFormulas } from '@/lib/math/render-formulas'
import { withFormulaTools } from './formula-tools'

function elements(html: string, test: (element: Element) => boolean): Element[] {
  const found: Element[] = []
  const walk = (node: Root | RootContent) => {
    if (node.type === 'element' && test(node)) found.push(node)
    if ('children' in node) node.children.forEach(walk)
  }
  walk(fromHtml(html, { fragment: true }))
  return found
}
const hasClass = (name: string) => (element: Element) => ((element.properties.className as string[] | undefined) ?? []).includes(name)

const rendered = renderFormulas(
  [
    { tex: '\\begin{align} a &= b \\label{eq:first} \\\\ c &= d \\end{align}', display: true },
    { tex: 'x^2', display: false },
    { tex: 'e^{i\\pi} = -1 \\tag{$\\dagger$}', display: true, inParagraph: true },
    { tex: 'y', display: true },
  ],
  { macros: {} },
).html

const body = [
  `<p>Before.</p>\n${rendered[0]}`,
  `<p>Inline ${rendered[1]} and ${rendered[2]} in a paragraph.</p>`,
  `<blockquote>${rendered[3]}</blockquote>`,
].join('\n')

describe('withFormulaTools', () => {
  const html = withFormulaTools(body)

  it('wraps each display formula, and only display formulas, with its tools after it', () => {
    const wrappers = elements(html, hasClass('formula'))
    expect(wrappers.map((wrapper) => wrapper.tagName)).toEqual(['div', 'span', 'div'])
    for (const wrapper of wrappers) {
      const children = wrapper.children.filter((child): child is Element => child.type === 'element')
      expect(children.map((child) => (child.properties.className as string[])[0])).toEqual(['math-display', 'formula-tools'])
    }
    expect(elements(html, hasClass('math-inline'))).toHaveLength(1)
  })

  it('gives every display formula a "复制 TeX" button', () => {
    const buttons = elements(html, hasClass('formula-tools__copy'))
    expect(buttons.map((button) => [button.properties.type, toString(button)])).toEqual([
      ['button', '复制 TeX'],
      ['button', '复制 TeX'],
      ['button', '复制 TeX'],
    ])
  })

  it('links each equation number from the tools, outside the aria-hidden formula', () => {
    const links = elements(html, hasClass('formula-tools__link'))
    expect(links.map((link) => [link.properties.href, toString(link)])).toEqual([
      ['#eqn-eq-first', '链接 (1)'],
      ['#eqn-2', '链接 (2)'],
      ['#eqn-tag--dagger-', '链接 (†)'],
    ])
  })

  it('leaves the formulas themselves and the prose byte for byte as they were', () => {
    const unwrapped = html
      .replace(/<(div|span) class="formula">/g, '')
      .replace(/<span class="formula-tools">[\s\S]*?<\/button>(<a [^>]*>[^<]*<\/a>)*<\/span><\/(div|span)>/g, '')
    expect(unwrapped).toBe(body)
  })

  it('is the identity on a body without display math', () => {
    expect(withFormulaTools(`<p>${rendered[1]}</p>`)).toBe(`<p>${rendered[1]}</p>`)
  })
})
