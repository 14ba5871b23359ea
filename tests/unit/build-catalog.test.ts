import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildCatalog } from '@/lib/content/build/build-catalog.server'
import { catalogFiles } from '@/lib/content/catalog/location'
import type { CatalogArticle, CatalogIndex } from '@/lib/content/catalog/types'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-test-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

function site(name: string) {
  const posts = path.join(root, name, 'posts')
  fs.mkdirSync(posts, { recursive: true })
  const write = (slug: string, body: string, extra = '') =>
    fs.writeFileSync(path.join(posts, `${slug}.mdx`), `---\ntitle: ${slug}\ndate: ${slug === 'alpha' ? '2024-06-01' : '2024-01-01'}\ncategory: 测试${extra}\n---\n\n${body}\n`)
  const output = path.join(root, name, 'catalog')
  const files = catalogFiles(output)
  const read = <T>(file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as T
  return { posts, write, files, read, options: { postsDirectory: posts, outputDirectory: output } }
}

describe('the content catalog', () => {
  it('holds each article’s HTML, labels and text, and the listings; an unchanged article is not compiled again', async () => {
    const s = site('incremental')
    s.write('alpha', '<Theorem label="thm:a">\n甲 $x$\n</Theorem>\n\n见 <Ref to="thm:a" />。', '\ntags: [一, 二]')
    s.write('beta-post', '乙。', '\ntags: [二]')
    const first = await buildCatalog({ mode: 'production', ...s.options })
    expect(first).toMatchObject({ articles: 2, compiled: 2, reused: 0, problems: [] })
    const index = s.read<CatalogIndex>(s.files.index)
    // Newest first: alpha (June) before beta-post (January).
    expect(index.posts.map((post) => post.slug)).toEqual(['alpha', 'beta-post'])
    expect(index.tags).toEqual([{ name: '二', count: 2 }, { name: '一', count: 1 }])
    const alpha = s.read<CatalogArticle>(s.files.article('alpha'))
    expect(alpha.html).toContain('<a href="#thm-a" class="eqref">定理 1</a>')
    expect(alpha.labels['thm:a']).toEqual({ key: 'thm:a', text: '1', anchor: 'thm-a' })
    expect(alpha.text).toContain('见 定理 1')

    const again = await buildCatalog({ mode: 'production', ...s.options })
    expect(again).toMatchObject({ compiled: 0, reused: 2 })
    s.write('beta-post', '乙，改过了。', '\ntags: [二]')
    const edited = await buildCatalog({ mode: 'production', ...s.options })
    expect(edited).toMatchObject({ compiled: 1, reused: 1 })
    expect(s.read<CatalogIndex>(s.files.index).revision).not.toBe(index.revision)
  })

  it('fails a production build on a broken article, with file:line, and keeps it out of the catalog', async () => {
    const s = site('broken')
    s.write('good', '好。')
    s.write('bad', '第一段。\n\n见 <Ref to="thm:none" />。')
    const result = await buildCatalog({ mode: 'production', ...s.options })
    expect(result.problems.map((p) => `${path.basename(p.file)}:${p.line}`)).toEqual(['bad.mdx:9'])
    expect(fs.existsSync(s.files.article('bad'))).toBe(false)
  })

  it('keeps drafts and broken articles, with their problems, in the development catalog only', async () => {
    const s = site('development')
    s.write('draft-post', '草稿。', '\ndraft: true')
    s.write('bad', '见 <Ref to="thm:none" />。')
    const production = await buildCatalog({ mode: 'production', ...s.options })
    expect(production.articles).toBe(1)
    await buildCatalog({ mode: 'development', ...s.options, outputDirectory: path.join(root, 'development', 'dev-catalog') })
    const dev = catalogFiles(path.join(root, 'development', 'dev-catalog'))
    expect(s.read<CatalogIndex>(dev.index).posts.map((post) => post.slug).sort()).toEqual(['bad', 'draft-post'])
    expect(s.read<CatalogArticle>(dev.article('bad')).problems.map((p) => p.line)).toEqual([7])
  })
})
