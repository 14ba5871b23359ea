import { describe, expect, it } from 'vitest'
import { parseFrontMatter } from '../front-matter'
import { compilePost } from './compile-post.server'

const site = { knownSlugs: new Set(['other-post']), sharedMacros: { '\\R': '\\mathbb{R}' } }

function post(body: string, extraFrontMatter = '') {
  const source = `---\ntitle: 测试\ndate: 2024-01-02\ncategory: 测试${extraFrontMatter}\n---\n\n${body}\n`
  const file = 'content/posts/test-post.mdx'
  return { slug: 'test-post', file, source, frontMatter: parseFrontMatter(file, source) }
}

describe('compilePost', () => {
  it('takes the excerpt from before {/* more */}, keeping its math', async () => {
    const result = await compilePost(post('第一段 $\\R^n$。\n\n第二段。\n\n{/* more */}\n\n后文。'), site)
    expect(result.problems).toEqual([])
    expect(result.excerptHtml).toContain('<p>第一段 <span class="math-inline"><span class="katex">')
    expect(result.excerptHtml).toContain('<span class="mord mathbb">R</span>')
    expect(result.excerptHtml).toContain('<p>第二段。</p>')
    expect(result.excerptHtml).not.toContain('后文')
  })

  it('falls back to the first paragraph, and prefers the summary', async () => {
    expect((await compilePost(post('## 标题\n\n首段。\n\n次段。'), site)).excerptHtml).toBe('<p>首段。</p>')
    const withSummary = await compilePost(post('首段。', '\nsummary: 摘要含 $x^2$'), site)
    expect(withSummary.excerptHtml).toMatch(/^<p>摘要含 <span class="math-inline"><span class="katex">.*<msup><mi>x<\/mi><mn>2<\/mn><\/msup>/)
  })

  it('points excerpt equation links at the article', async () => {
    const result = await compilePost(
      post('见 $\\eqref{eq:a}$。\n\n{/* more */}\n\n$$\n\\begin{equation} a \\label{eq:a} \\end{equation}\n$$'),
      site,
    )
    expect(result.excerptHtml).toMatch(/<a class="eqref" href="\/archives\/test-post#eqn-eq-a">.*\(1\).*<\/a>/)
  })

  it('reports an unknown reference with file and line', async () => {
    const result = await compilePost(post('第一段。\n\n引用 $\\eqref{eq:nope}$。'), site)
    expect(result.problems).toEqual([
      { file: 'content/posts/test-post.mdx', line: 9, message: 'math: Unknown \\eqref{eq:nope}: no \\label{eq:nope} in this article' },
    ])
  })

  it('reports TeX errors at the line inside a display formula', async () => {
    const result = await compilePost(post('$$\n\\begin{equation}\na = b \\label{eq:a} \\\\\n\\nosuchcommand{1}\n\\end{equation}\n$$'), site)
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatchObject({ file: 'content/posts/test-post.mdx', line: 10 })
    expect(result.problems[0]!.message).toMatch(/^math: KaTeX parse error/)
  })

  it('fails on a broken internal link and accepts a real one', async () => {
    const result = await compilePost(post('[好](/archives/other-post) 与 [坏](/archives/missing-post)'), site)
    expect(result.problems).toEqual([
      { file: 'content/posts/test-post.mdx', line: 7, message: 'broken link /archives/missing-post: there is no article content/posts/missing-post.mdx' },
    ])
  })

  it('reports MDX syntax errors with their line', async () => {
    const result = await compilePost(post('第一段。\n\n这里有一个 {未闭合的表达式'), site)
    expect(result.problems[0]).toMatchObject({ file: 'content/posts/test-post.mdx', line: 9 })
    expect(result.problems[0]!.message).toMatch(/^MDX: /)
  })

  it('collects a table of contents and gives headings anchors', async () => {
    const result = await compilePost(post('## 推导过程\n\n文字。\n\n### 一个细节\n\n文字。'), site)
    expect(result.toc).toEqual([
      { depth: 2, id: '推导过程', text: '推导过程', html: '推导过程' },
      { depth: 3, id: '一个细节', text: '一个细节', html: '一个细节' },
    ])
  })

  it('gives headings with the same text different anchors', async () => {
    const result = await compilePost(post('## 证明\n\n文字。\n\n## 证明\n\n文字。\n\n### 证明\n\n文字。'), site)
    expect(result.toc.map((entry) => entry.id)).toEqual(['证明', '证明-1', '证明-2'])
    expect(result.html).toContain('<h2 id="证明-1">')
    expect(result.html).toContain('href="#证明-2"')
  })

  it('keeps a reference in a heading in the table of contents, as its number', async () => {
    const result = await compilePost(post('$$\n\\begin{equation} a \\label{eq:a} \\end{equation}\n$$\n\n## 关于式 $\\eqref{eq:a}$ 的证明\n\n文字。'), site)
    expect(result.problems).toEqual([])
    expect(result.toc[0]?.text).toBe('关于式 (1) 的证明')
    expect(result.toc[0]?.html).toMatch(/^关于式 <span class="math-inline">.*<span class="eqref">.*\(1\).*<\/span>.* 的证明$/)
    expect(result.toc[0]?.html).not.toContain('<a ')
  })

  it('highlights fenced code at build time', async () => {
    const result = await compilePost(post('```python\ndef f(x):\n    return x\n```'), site)
    expect(result.html).toContain('<span class="hljs-keyword">def</span>')
  })

  it('extracts prose for search without math or code', async () => {
    const result = await compilePost(post('线性Attention的复杂度是 $O(n)$。\n\n```python\nsecret_code = 1\n```'), site)
    expect(result.text).toBe('线性Attention的复杂度是 。')
  })

  it('treats $$…$$ written on one line as display math, alone or inside a paragraph', async () => {
    const result = await compilePost(post('$$x^2 + y^2$$\n\n前文 $$a = b$$ 后文'), site)
    expect(result.problems).toEqual([])
    expect(result.mathSources.map((source) => source.display)).toEqual([true, true])
    const html = result.html
    expect(html).toMatch(/^<div class="math-display">/)
    expect(html).toMatch(/<p>前文 <span class="math-display">.*<\/span> 后文<\/p>$/)
  })

  it('accepts equation environments written in prose, as MathJax blogs do', async () => {
    const body = '由此\n\\begin{equation}\nx = y \\label{eq:bare}\n\\end{equation}\n可得 $\\eqref{eq:bare}$，而\\begin{align} a &= b \\\\ - c &= d \\end{align}成立。'
    const result = await compilePost(post(body), site)
    expect(result.problems).toEqual([])
    expect(result.labels['eq:bare']?.text).toBe('1')
    expect(result.mathSources.filter((source) => source.display)).toHaveLength(2)
    const html = result.html
    expect(html.match(/class="enclosing eqn-number"/g)).toHaveLength(3)
  })

  it('reports errors inside a bare environment at the author’s line', async () => {
    const result = await compilePost(post('第一段。\n\n由此\\begin{equation}\nx = \\nosuch\n\\end{equation}'), site)
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatchObject({ line: 10 })
  })

  it('says to write $\\eqref{…}$ when a reference is written in prose', async () => {
    const result = await compilePost(post('$$\n\\begin{equation} a \\label{eq:a} \\end{equation}\n$$\n\n见 \\eqref{eq:a}。'), site)
    expect(result.problems).toEqual([
      { file: 'content/posts/test-post.mdx', line: 11, message: 'math: \\eqref{eq:a} is written outside math; write $\\eqref{eq:a}$ so that it links to the equation' },
    ])
  })

  it('names both lines of a duplicate label', async () => {
    const result = await compilePost(post('$$\n\\begin{equation} a \\label{eq:a} \\end{equation}\n$$\n\n$$\n\\begin{equation}\nb \\label{eq:a}\n\\end{equation}\n$$'), site)
    expect(result.problems).toEqual([
      { file: 'content/posts/test-post.mdx', line: 13, message: 'math: Duplicate \\label{eq:a}: each label may appear once per article (first defined on line 8)' },
    ])
  })

  it('names the front-matter line of a summary with a bad reference', async () => {
    const result = await compilePost(post('正文。', '\nsummary: 见 $\\eqref{eq:none}$'), site)
    expect(result.problems).toEqual([
      { file: 'content/posts/test-post.mdx', line: 5, message: 'summary: Unknown \\eqref{eq:none}: no \\label{eq:none} in this article' },
    ])
  })
})
