import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { describe, expect, it } from 'vitest'
import { naughtyStrings, xssPayloads } from '@/tests/support/hostile-input'
import { renderCommentBody } from './render-comment'

const context = {
  macros: { '\\R': '\\mathbb{R}', '\\norm': '\\left\\Vert #1\\right\\Vert' },
  labels: { 'eq:attn': { key: 'eq:attn', text: '3', anchor: 'eqn-eq-attn' } },
}
const render = (markdown: string) => renderCommentBody(markdown, context)

/** Every element and attribute in rendered HTML, for checks that nothing active survived. */
function inspect(html: string): { tags: Set<string>; attributes: string[]; hrefs: string[] } {
  const tags = new Set<string>()
  const attributes: string[] = []
  const hrefs: string[] = []
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      tags.add(child.tagName)
      for (const [name, value] of Object.entries(child.properties)) {
        attributes.push(name.toLowerCase())
        if (name === 'href') hrefs.push(String(value))
      }
      walk(child)
    }
  }
  walk(fromHtml(html, { fragment: true }))
  return { tags, attributes, hrefs }
}

function expectInert(html: string) {
  const { tags, attributes, hrefs } = inspect(html)
  for (const tag of ['script', 'style', 'iframe', 'img', 'svg', 'object', 'embed', 'details', 'form', 'input']) expect(tags.has(tag), tag).toBe(false)
  expect(attributes.filter((name) => name.startsWith('on'))).toEqual([])
  expect(attributes).not.toContain('style')
  expect(attributes).not.toContain('id')
  for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:|#|\/)/i)
}

describe('renderCommentBody', () => {
  it('renders the Markdown subset', () => {
    const html = render('*强调* **加粗** ~~删除~~ `code`\n\n> 引用\n\n- 一\n- 二\n\n1. 甲\n\n```python\nx = 1\n```\n\n[链接](https://example.com)')
    expect(html).toContain('<em>强调</em>')
    expect(html).toContain('<strong>加粗</strong>')
    expect(html).toContain('<del>删除</del>')
    expect(html).toContain('<code>code</code>')
    expect(html).toContain('<blockquote>')
    expect(html).toContain('<ul>')
    expect(html).toContain('<ol>')
    expect(html).toContain('<pre><code class="language-python">x = 1\n</code></pre>')
    expect(html).toContain('<a href="https://example.com" rel="nofollow ugc noopener">链接</a>')
  })

  it('shows raw HTML as text', () => {
    const html = render('看这个 <b>粗体</b> 和 <script>alert(1)</script>')
    expect(html).toContain('&#x3C;b>粗体&#x3C;/b>')
    expect(html).not.toContain('<b>')
    expect(html).not.toContain('<script')
  })

  it('renders inline and display math as MathML', () => {
    const html = render('设 $x \\in \\R^n$，则\n\n$$\n\\sum_{i=1}^n x_i^2 = \\norm{x}^2\n$$')
    expect(html).toContain('<span class="math-inline"><math')
    expect(html).toContain('<mi>ℝ</mi>')
    expect(html).toContain('<div class="math-display"><math')
    expect(html).not.toContain('math-error')
  })

  it('links \\eqref to the article’s equation', () => {
    expect(render('由 $\\eqref{eq:attn}$ 可知')).toContain('<a class="eqref" href="#eqn-eq-attn">(3)</a>')
  })

  it('shows a formula KaTeX cannot parse as escaped source, not as an error page', () => {
    const html = render('坏公式 $\\frac{1}{$ 之后还有文字')
    expect(html).toMatch(/<span class="math-error" title="[^"]*">\$\\frac\{1\}\{\$<\/span>/)
    expect(html).toContain('之后还有文字')
  })

  it('refuses an unknown equation reference inline', () => {
    expect(render('$\\eqref{eq:nope}$')).toContain('class="math-error"')
  })

  it('keeps \\href, \\url and \\html… inert', () => {
    for (const tex of ['\\href{javascript:alert(1)}{x}', '\\url{javascript:alert(1)}', '\\htmlData{foo=bar}{x}', '\\htmlClass{evil}{x}']) {
      const html = render(`$${tex}$`)
      expectInert(html)
      expect(html).not.toMatch(/javascript:|data-foo|evil/)
    }
  })

  it.each(xssPayloads)('leaves XSS payload %j inert', (payload) => {
    expectInert(render(payload))
  })

  it('renders every naughty string without throwing and without active content', () => {
    for (const input of naughtyStrings) {
      let html = ''
      expect(() => (html = render(input)), JSON.stringify(input)).not.toThrow()
      expectInert(html)
    }
  })
})
