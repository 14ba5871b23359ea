import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkContent } from '@/lib/content/build/check-content.server'
import { importMarkdown } from '@/lib/content/build/import-markdown'
import { compilePost } from '@/lib/content/compile/compile-post.server'
import { parseFrontMatter } from '@/lib/content/front-matter'

// Five posts written the way MathJax blogs export them (Typecho, WordPress,
// Hexo, Hugo, Jekyll), each importing to the MDX in expected/ and that MDX
// passing the content check. What the importer cannot convert is named with
// the line of the source.
const fixtures = 'tests/fixtures/import'
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'import-test-'))
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

function imported(name: string) {
  const file = path.join(fixtures, name)
  return { file, result: importMarkdown(fs.readFileSync(file, 'utf8'), file) }
}

const cases: [string, string, { line: number; message: RegExp }[]][] = [
  ['typecho-softmax-gradient.md', 'softmax-gradient-identity', []],
  ['wordpress-vae-notes.md', 'wordpress-vae-notes', []],
  ['hexo-rope-decay.md', 'hexo-rope-decay', []],
  ['hugo-gradient-clipping.md', 'gradient-clipping-smoothness', []],
  [
    '2018-05-01-mutual-information-bounds.md',
    'mutual-information-bounds',
    [
      { line: 23, message: /^HTML <div class="note"> is not converted/ },
      { line: 23, message: /^HTML <\/div> is not converted/ },
      { line: 33, message: /^template tag \{\{ site.baseurl \}\} is kept as text/ },
    ],
  ],
]

describe('npm run import', () => {
  it.each(cases)('imports %s as %s.mdx, which passes the content check', async (name, slug, unconverted) => {
    const { result } = imported(name)
    expect(result.slug).toBe(slug)
    expect(result.mdx).toBe(fs.readFileSync(path.join(fixtures, 'expected', `${slug}.mdx`), 'utf8'))
    expect(result.unconverted).toEqual(unconverted.map(({ line, message }) => ({ line, message: expect.stringMatching(message) })))
    const target = path.join(work, `${slug}.mdx`)
    fs.writeFileSync(target, result.mdx)
    for (const image of result.images) {
      fs.mkdirSync(path.join(work, slug), { recursive: true })
      fs.copyFileSync(path.join(fixtures, image), path.join(work, slug, path.basename(image)))
    }
    expect((await checkContent([target])).problems).toEqual([])
  })

  it('leaves every formula as written: the compiled TeX is the source’s', async () => {
    for (const [name, slug] of cases) {
      const { file, result } = imported(name)
      const source = fs.readFileSync(file, 'utf8')
      const target = path.join(work, `${slug}.mdx`)
      const compiled = await compilePost({ slug, file: target, source: result.mdx, frontMatter: parseFrontMatter(target, result.mdx) }, { knownSlugs: new Set([slug]), sharedMacros: {} })
      expect(compiled.mathSources.length, name).toBeGreaterThan(3)
      for (const formula of compiled.mathSources) expect(source, `${name}: ${formula.tex}`).toContain(formula.tex.trim())
    }
  })

  it('converts front matter, the more marker, comments, images and prose braces', () => {
    const { result } = imported('typecho-softmax-gradient.md')
    expect(result.mdx).toMatch(/^---\ntitle: Softmax的梯度与一个常被忽略的恒等式\ndate: 2021-03-08\ncategory: 数学研究\ntags:\n {2}- softmax\n {2}- 梯度\n {2}- 机器学习\n---\n/)
    expect(result.mdx).toContain('\n{/* more */}\n')
    expect(result.mdx).toContain('{/* 下面这段原来有一个数值例子，后来删掉了\n以后有空再补 */}')
    expect(result.mdx).toContain('方向$\\boldsymbol{1}$上的扰动\\{完全\\}不起作用')
    expect(result.mdx).toContain('由式$\\eqref{eq:jacobian}$，')
    // Code keeps its braces unescaped.
    expect(result.mdx).toContain('  # {平移不变}\n')
    expect(result.notes).toContainEqual({ line: 19, message: '\\eqref{eq:jacobian} in prose was wrapped in $…$' })
    const vae = imported('wordpress-vae-notes.md').result
    expect(vae.mdx).toContain('![重参数化示意图](./reparam.svg)')
    expect(vae.images).toEqual(['images/reparam.svg'])
    expect(vae.mdx).toContain('对单个样本$x$，')
    expect(vae.mdx).toContain('$$\n\\mathcal{L}(x) = ')
  })
})
