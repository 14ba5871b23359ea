import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { describe, expect, it } from 'vitest'
import { naughtyStrings, xssPayloads } from '@/tests/support/hostile-input'
import { hostileComments } from '@/tests/support/hostile-math'
import { expectInert } from '@/tests/support/inert-html'
import { renderCommentBody } from './render-comment'

const context = {
  macros: { '\\R': '\\mathbb{R}', '\\norm': '\\left\\Vert #1\\right\\Vert' },
  labels: { 'eq:attn': { key: 'eq:attn', text: '3', anchor: 'eqn-eq-attn' } },
}
/** The HTML of a comment the renderer accepts (a refusal fails the test). */
const render = (markdown: string) => {
  const result = renderCommentBody(markdown, context)
  if (!result.ok) throw new Error(`refused: ${result.error}`)
  return result.html
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

  it('renders inline and display math with KaTeX, with MathML for screen readers', () => {
    const html = render('设 $x \\in \\R^n$，则\n\n$$\n\\sum_{i=1}^n x_i^2 = \\norm{x}^2\n$$')
    expect(html).toContain('<span class="math-inline"><span class="katex"><span class="katex-mathml"><math')
    expect(html).toContain('<mi mathvariant="double-struck">R</mi>')
    expect(html).toContain('<div class="math-display"><span class="katex-display">')
    expect(html).not.toContain('math-error')
  })

  it('links \\eqref to the article’s equation', () => {
    expect(render('由 $\\eqref{eq:attn}$ 可知')).toMatch(/<a class="eqref" href="#eqn-eq-attn">(<span[^>]*>)+\(3\)(<\/span>)+<\/a>/)
  })

  it('keeps the text of a comment, formulas as their TeX, for excerpts', () => {
    const result = renderCommentBody('**结论**：当 $n \\to \\infty$ 时\n\n$$\nx^2\n$$\n\n成立。', context)
    expect(result).toMatchObject({ ok: true, text: '结论：当 $n \\to \\infty$ 时 $$x^2$$ 成立。' })
  })

  it('numbers nothing and lets nothing take an id', () => {
    const html = render('$$\n\\begin{equation} a \\tag{1} \\end{equation}\n$$')
    expect(html).not.toContain('id=')
  })

  it('shows a formula KaTeX cannot parse as escaped source, not as an error page', () => {
    const html = render('坏公式 $\\frac{1}{$ 之后还有文字')
    expect(html).toMatch(/<span class="math-error" title="[^"]*">\$\\frac\{1\}\{\$<\/span>/)
    expect(html).toContain('之后还有文字')
  })

  it('draws \\cancel strokes, whose SVG lines have attributes with digits', () => {
    const html = render('$\\cancel{x} + \\bcancel{y} + \\xcancel{z}$')
    expect(html).not.toContain('math-error')
    expect(html).toMatch(/<line x1="0" y1="100%" x2="100%" y2="0" stroke-width="[\d.]+em"\/>/)
  })

  it('refuses an unknown equation reference inline', () => {
    expect(render('$\\eqref{eq:nope}$')).toContain('class="math-error"')
  })

  it('keeps \\href, \\url and \\html… inert', () => {
    for (const tex of ['\\href{javascript:alert(1)}{x}', '\\url{javascript:alert(1)}', '\\htmlData{foo=bar}{x}', '\\htmlClass{evil}{x}']) {
      const html = render(`$${tex}$`)
      expectInert(html)
      // The TeX itself stays readable in the MathML annotation, as text.
      expect(html.replace(/<annotation[^>]*>[^<]*<\/annotation>/g, '')).not.toMatch(/javascript:|data-foo|evil/)
    }
  })

  it.each(xssPayloads)('leaves XSS payload %j inert', (payload) => {
    expectInert(render(payload))
  })

  it('renders every naughty string without throwing and without active content', () => {
    for (const input of naughtyStrings) {
      const result = renderCommentBody(input, context)
      if (result.ok) expectInert(result.html)
    }
  })
})

describe('hostile math', () => {
  it.each(hostileComments.map((item) => [item.name, item.body] as const))('%s: refused, or rendered under 100 KB with nothing active', (_, body) => {
    const result = renderCommentBody(body, context)
    if (!result.ok) {
      expect(result.error).toMatch(/\S/)
      return
    }
    expect(Buffer.byteLength(result.html)).toBeLessThanOrEqual(100_000)
    expectInert(result.html)
  })

  it('refuses macro definitions with a message that says so', () => {
    const html = render('$\\def\\a{x}\\a$')
    expect(html).toContain('class="math-error"')
    expect(html).toContain('不能定义宏')
  })

  it('bounds sizes both ways', () => {
    for (const tex of ['\\kern-1000em x', '\\raisebox{150em}{x}', '\\rule{11em}{1pt}', '\\hspace{-2in}']) {
      expect(render(`$${tex}$`), tex).toContain('class="math-error"')
    }
    expect(render('$a\\kern1em b \\raisebox{0.5em}{c}$')).not.toContain('math-error')
  })

  it('refuses quotes and lists nested deeper than 8, and accepts 8', () => {
    expect(renderCommentBody(`${'> '.repeat(9)}x`, context)).toEqual({ ok: false, error: '引用或列表最多嵌套 8 层' })
    expect(renderCommentBody(`${'- '.repeat(9)}x`, context)).toEqual({ ok: false, error: '引用或列表最多嵌套 8 层' })
    expect(renderCommentBody(`${'> '.repeat(8)}x`, context).ok).toBe(true)
  })

  it('refuses a comment whose HTML would pass 100 KB', () => {
    const result = renderCommentBody('$\\sum_{i=1}^{n} x_i$ '.repeat(200), context)
    expect(result).toEqual({ ok: false, error: '评论中的公式过多或过于复杂，显示出来会过大，请精简后再发' })
  })
})
const rendered = (markdown: string) => renderCommentBody(markdown, { macros: {}, labels: {} })

describe('renderCommentBody, the subset in detail', () => {
  it('keeps headings as paragraphs and images as their alt text', () => {
    expect(rendered('# 标题\n\n## 二级')).toEqual({ ok: true, html: '<p>标题</p>\n<p>二级</p>', text: '标题 二级' })
    expect(rendered('![图](x.png) 和 ![](y.png)')).toEqual({ ok: true, html: '<p>[图] 和 </p>', text: '[图] 和' })
  })

  it('links only http, https and mailto, marks outside links, and leaves in-page links alone', () => {
    expect(rendered('[坏](javascript:alert(1)) [信](mailto:a@b.c) [内](#eqn-1)')).toMatchObject({
      ok: true,
      html: '<p><a>坏</a> <a href="mailto:a@b.c" rel="nofollow ugc noopener">信</a> <a href="#eqn-1">内</a></p>',
    })
  })

  it('keeps a list’s start number, rules, line breaks, and only well-formed code languages', () => {
    expect(rendered('3. a\n4. b')).toEqual({ ok: true, html: '<ol start="3">\n<li>a</li>\n<li>b</li>\n</ol>', text: 'a b' })
    expect(rendered('---')).toEqual({ ok: true, html: '<hr>', text: '' })
    expect(rendered('a  \nb')).toEqual({ ok: true, html: '<p>a<br>\nb</p>', text: 'a b' })
    expect(rendered('```Py!thon\nx\n```')).toMatchObject({ ok: true, html: '<pre><code class="">x\n</code></pre>' })
    expect(rendered('```c++\nx\n```')).toMatchObject({ ok: true, html: '<pre><code class="language-c++">x\n</code></pre>' })
  })

  it('writes the text with a space between blocks, list items and lines', () => {
    expect(rendered('- a\n- b\n\n> q\n\n```\ncode\n```\n\n段落')).toMatchObject({ ok: true, text: 'a b q code 段落' })
    expect(rendered('行内 $x$ 与\n\n$$\ny\n$$')).toMatchObject({ ok: true, text: '行内 $x$ 与 $$y$$' })
  })

  it('refuses lists nested deeper than 24 elements across lines, and accepts 24', () => {
    // Each list level is two elements (ul > li): 12 levels are 24 deep.
    const nested = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')
    expect(rendered(nested(13))).toEqual({ ok: false, error: '引用或列表嵌套过深' })
    expect(rendered(nested(12)).ok).toBe(true)
  })

  it('allows 100,000 bytes of HTML and refuses one more', () => {
    // '<p>' + text + '</p>' is the text plus 7 bytes.
    const fits = rendered('x'.repeat(99_993))
    expect(fits.ok && Buffer.byteLength(fits.html)).toBe(100_000)
    expect(rendered('x'.repeat(99_994))).toEqual({ ok: false, error: '评论中的公式过多或过于复杂，显示出来会过大，请精简后再发' })
  })

  it('writes formulas into the text trimmed, and numbers no equation', () => {
    expect(rendered('看 $ x $ 吧')).toMatchObject({ ok: true, text: '看 $x$ 吧' })
    const equation = rendered('$$\n\\begin{equation} a \\end{equation}\n$$')
    expect(equation.ok && equation.html).not.toMatch(/eqn-|\(1\)/)
  })

  it('shows a formula whose markup nests too deep as its source, marked too complex', () => {
    const fraction = (depth: number) => Array.from({ length: depth }).reduce<string>((tex) => `\\frac{${tex}}{y}`, 'x')
    const deep = rendered(`$${fraction(20)}$`)
    expect(deep).toMatchObject({ ok: true })
    expect(deep.ok && deep.html).toMatch(/^<p><span class="math-error" title="公式过于复杂，无法显示">\$\\frac/)
    const shallow = rendered(`$${fraction(3)}$`)
    expect(shallow.ok && shallow.html).not.toContain('math-error')
  })
})
