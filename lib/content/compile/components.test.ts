import { describe, expect, it } from 'vitest'
import { parseFrontMatter } from '../front-matter'
import { compilePost } from './compile-post.server'

const site = { knownSlugs: new Set(['test-post']), sharedMacros: { '\\R': '\\mathbb{R}', '\\E': '\\mathbb{E}' } }

// Front matter is 5 lines and a blank one: the body starts on line 7.
function post(body: string) {
  const source = `---\ntitle: 测试\ndate: 2024-01-02\ncategory: 测试\n---\n\n${body}\n`
  const file = 'content/posts/test-post.mdx'
  return compilePost({ slug: 'test-post', file, source, frontMatter: parseFrontMatter(file, source) }, site)
}

/** The visible text of some HTML, formulas reduced to their TeX annotation. */
function textOf(html: string): string {
  return html
    .replace(/<span class="katex-html"[\s\S]*?<\/span><\/span><\/span>(?=<\/span>)/g, '')
    .replace(/<annotation[^>]*>([\s\S]*?)<\/annotation>/g, '⟨$1⟩')
    .replace(/<math[\s\S]*?(?=⟨)/g, '')
    .replace(/<[^>]+>/g, '')
}

const article = [
  '<Definition label="def:convex" title="凸函数">', // 7
  '$f$ 满足 $f(\\lambda x)\\le\\lambda f(x)$。',
  '</Definition>',
  '',
  '<Theorem label="thm:jensen" title="Jensen 不等式">', // 11
  '对凸函数 $f$，',
  '',
  '$$',
  '\\begin{equation} f(\\E X) \\le \\E f(X) \\label{eq:jensen} \\end{equation}',
  '$$',
  '</Theorem>',
  '',
  '<Lemma label="lem:aux">',
  '辅助结论。',
  '</Lemma>',
  '',
  '<Theorem label="thm:second">',
  '第二个定理。',
  '</Theorem>',
  '',
  '<Proof of="thm:jensen">',
  '由 <Ref to="def:convex" /> 与 $\\eqref{eq:jensen}$，再用定理 $\\ref{thm:second}$ 即可。',
  '</Proof>',
  '',
  '$$',
  '\\begin{equation} a = b \\label{eq:after} \\end{equation}',
  '$$',
  '',
  '见 <Ref to="thm:jensen" />、<Ref to="lem:aux" />、<Ref to="eq:after" />。',
].join('\n')

describe('theorem-like blocks', () => {
  it('numbers each kind on its own, in reading order', async () => {
    const result = await post(article)
    expect(result.problems).toEqual([])
    expect(result.blocks.map((block) => [block.key, block.name, block.anchor])).toEqual([
      ['def:convex', '定义 1', 'def-convex'],
      ['thm:jensen', '定理 1', 'thm-jensen'],
      ['lem:aux', '引理 1', 'lem-aux'],
      ['thm:second', '定理 2', 'thm-second'],
    ])
    expect(result.html).toContain('<div class="theorem theorem--theorem" id="thm-jensen"><p class="theorem__head"><strong class="theorem__name">定理 1</strong><span class="theorem__title">（Jensen 不等式）</span></p>')
    expect(result.html).toContain('<div class="theorem theorem--lemma" id="lem-aux"><p class="theorem__head"><strong class="theorem__name">引理 1</strong></p>')
  })

  it('keeps article-wide equation numbers inside and after a theorem', async () => {
    const result = await post(article)
    expect(result.labels['eq:jensen']?.text).toBe('1')
    expect(result.labels['eq:after']?.text).toBe('2')
    const theorem = result.html.slice(result.html.indexOf('id="thm-jensen"'), result.html.indexOf('id="lem-aux"'))
    expect(theorem).toContain('id="eqn-eq-jensen"')
  })

  it('links <Ref> and \\ref to blocks and equations, with their numbers', async () => {
    const { html } = await post(article)
    expect(html).toContain('<a href="#def-convex" class="eqref">定义 1</a>')
    expect(html).toContain('<a href="#thm-jensen" class="eqref">定理 1</a>')
    expect(html).toContain('<a href="#lem-aux" class="eqref">引理 1</a>')
    expect(html).toContain('<a href="#eqn-eq-after" class="eqref">式 (2)</a>')
    // \ref inside math: the number as a link, laid out by KaTeX like \eqref.
    expect(html).toMatch(/<a class="eqref" href="#thm-second"><span class="mord text"><span class="mord">2<\/span><\/span><\/a>/)
  })

  it('titles a proof after its theorem and closes it with ∎', async () => {
    const { html } = await post(article)
    expect(textOf(html)).toContain('定理 1 的证明由 定义 1 与 ⟨\\eqref{eq:jensen}⟩，再用定理 ⟨\\ref{thm:second}⟩ 即可。 ∎')
    expect(html).toContain('<span class="qed" role="img" aria-label="证毕">∎</span></p></div>')
  })

  it('gives ∎ a line of its own after a closing formula', async () => {
    const { html, problems } = await post('<Proof>\n$$\nx = 1\n$$\n</Proof>')
    expect(problems).toEqual([])
    expect(html).toMatch(/<div class="math-display">.*<\/div><p class="proof__end"><span class="qed"[^>]*>∎<\/span><\/p><\/div>$/s)
  })

  it('renders the math of a title with the article’s macros', async () => {
    const { html, problems } = await post('<Theorem title="$\\R^n$ 上的结论">\n内容。\n</Theorem>')
    expect(problems).toEqual([])
    expect(html).toMatch(/<span class="theorem__title">（<span class="math-inline">.*mathbb.*<\/span> 上的结论）<\/span>/)
  })
})

describe('problems with labels and components', () => {
  it('reports an unknown reference at its line', async () => {
    const { problems } = await post('第一段。\n\n见 <Ref to="thm:nope" />。')
    expect(problems).toEqual([
      {
        file: 'content/posts/test-post.mdx',
        line: 9,
        message: '<Ref to="thm:nope" />: no label "thm:nope" in this article (labels come from \\label{…} in equations and label="…" on blocks and figures)',
      },
    ])
  })

  it('reports an unknown \\ref inside math at its line', async () => {
    const { problems } = await post('<Theorem label="thm:a">\n甲\n</Theorem>\n\n由 $\\ref{thm:b}$ 得。')
    expect(problems).toEqual([{ file: 'content/posts/test-post.mdx', line: 11, message: 'math: Unknown \\ref{thm:b}: no \\label{thm:b} in this article' }])
  })

  it('names both lines of a label used twice by blocks', async () => {
    const { problems } = await post('<Theorem label="thm:a">\n甲\n</Theorem>\n\n<Lemma label="thm:a">\n乙\n</Lemma>')
    expect(problems).toEqual([
      { file: 'content/posts/test-post.mdx', line: 11, message: 'Duplicate label "thm:a": each label may appear once per article (first defined on line 7)' },
    ])
  })

  it('names the block when an equation reuses its label', async () => {
    const { problems } = await post('<Theorem label="thm:a">\n甲\n</Theorem>\n\n$$\n\\begin{equation} x \\label{thm:a} \\end{equation}\n$$')
    expect(problems).toEqual([
      {
        file: 'content/posts/test-post.mdx',
        line: 12,
        message: 'math: Duplicate \\label{thm:a}: each label may appear once per article (already the label of 定理 1, line 7)',
      },
    ])
  })

  it('refuses \\eqref to a theorem, which would print it as an equation', async () => {
    const { problems } = await post('<Theorem label="thm:a">\n甲\n</Theorem>\n\n由 $\\eqref{thm:a}$ 得。')
    expect(problems.map((p) => [p.line, p.message])).toEqual([[11, 'math: \\eqref{thm:a} names 定理 1; write $\\ref{thm:a}$ or <Ref to="thm:a" />']])
  })

  it('names an unknown component, a wrong attribute and a missing one', async () => {
    const { problems } = await post('<Theorm>\n甲\n</Theorm>\n\n<Lemma name="x">\n乙\n</Lemma>\n\n<Details>\n丙\n</Details>')
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [7, expect.stringMatching(/^unknown component <Theorm>: articles can use <Theorem>, <Lemma>/)],
      [11, '<Lemma> has no attribute "name"; it takes "label", "title"'],
      [15, '<Details> needs summary="…"'],
    ])
  })

  it('asks for quotes instead of an expression', async () => {
    const { problems } = await post('<Theorem label={"thm:a"}>\n甲\n</Theorem>')
    expect(problems.map((p) => p.message)).toEqual(['<Theorem> label: write the value in quotes, label="…", not in braces'])
  })
})

describe('figures, details and notes', () => {
  it('numbers figures, reads the image size and links references', async () => {
    const source = [
      '<Figure src="/images/posts/rope-from-complex-numbers/decay.svg" caption="相对距离的衰减 $\\R$" label="fig:decay" />',
      '',
      '<Figure src="/images/posts/attention-scale-entropy/target-weight.svg" caption="目标权重" />',
      '',
      '如 <Ref to="fig:decay" /> 所示。',
    ].join('\n')
    const { html, problems } = await post(source)
    expect(problems).toEqual([])
    expect(html).toMatch(
      /^<figure class="figure figure--numbered" id="fig-decay"><img src="\/images\/posts\/rope-from-complex-numbers\/decay.svg" width="\d+" height="\d+" alt="相对距离的衰减 \$\\R\$" loading="lazy" decoding="async"\/><figcaption><span class="figure__number">图 1<\/span> 相对距离的衰减 <span class="math-inline">/,
    )
    expect(html).toContain('<span class="figure__number">图 2</span> 目标权重')
    expect(html).toContain('<a href="#fig-decay" class="eqref">图 1</a>')
  })

  it('reports a missing image at the figure’s line', async () => {
    const { problems } = await post('文字。\n\n<Figure src="./missing.svg" caption="无" />')
    expect(problems).toEqual([
      { file: 'content/posts/test-post.mdx', line: 9, message: '<Figure> image ./missing.svg not found: put it at content/posts/test-post/missing.svg' },
    ])
  })

  it('makes <Details> a native details element and <Note> a note', async () => {
    const { html, problems } = await post('<Details summary="推导 $x$ 的细节">\n第一步。\n</Details>\n\n<Note title="注意">\n别混淆。\n</Note>')
    expect(problems).toEqual([])
    expect(html).toMatch(/^<details class="details"><summary>推导 <span class="math-inline">.*<\/span> 的细节<\/summary><p>第一步。<\/p><\/details>/s)
    expect(html).toContain('<div class="note" role="note"><p class="note__title"><strong>注意</strong></p><p>别混淆。</p></div>')
  })

  it('keeps block components out of a sentence', async () => {
    const { problems } = await post('前文 <Note>注</Note> 后文。')
    expect(problems.map((p) => p.message)).toEqual(['<Note> is a block: put <Note> and </Note> on lines of their own, not inside a sentence'])
  })
})
