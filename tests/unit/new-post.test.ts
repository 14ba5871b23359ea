import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createPost } from '@/lib/content/build/new-post.server'
import { parseFrontMatter } from '@/lib/content/front-matter'

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'new-post-'))
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }))
const existing = (slug: string, category: string) =>
  fs.writeFileSync(path.join(directory, `${slug}.mdx`), `---\ntitle: 旧文\ndate: 2024-01-01\ncategory: ${category}\n---\n\n正文。\n`)

describe('npm run new', () => {
  it('writes front matter with the date, the title and the most used category, and the more marker', () => {
    existing('a', '数学研究')
    existing('b', '数学研究')
    existing('c', '信息时代')
    const result = createPost({ slug: 'attention-sink', title: '注意力汇聚: 现象与解释', date: '2025-07-01', postsDirectory: directory })
    expect(result).toMatchObject({ ok: true, category: '数学研究' })
    const source = fs.readFileSync(path.join(directory, 'attention-sink.mdx'), 'utf8')
    expect(parseFrontMatter('attention-sink.mdx', source)).toMatchObject({ title: '注意力汇聚: 现象与解释', date: '2025-07-01', category: '数学研究', tags: [] })
    expect(source).toContain('\n{/* more */}\n')
  })

  it('refuses a slug that exists, even in a subfolder, and an invalid one', () => {
    fs.mkdirSync(path.join(directory, '2024'), { recursive: true })
    fs.writeFileSync(path.join(directory, '2024', 'old-post.mdx'), '---\ntitle: 旧\ndate: 2024-01-01\ncategory: 数学研究\n---\n')
    expect(createPost({ slug: 'old-post', title: '新', postsDirectory: directory })).toEqual({
      ok: false,
      error: `${path.relative(process.cwd(), path.join(directory, '2024', 'old-post.mdx'))} already uses the slug "old-post"; choose another`,
    })
    expect(createPost({ slug: 'Old_Post', title: '新', postsDirectory: directory })).toMatchObject({ ok: false, error: expect.stringMatching(/is not a valid slug/) })
  })

  it('takes the category it is given', () => {
    expect(createPost({ slug: 'chosen', title: '指定分类', category: '生活随笔', postsDirectory: directory })).toMatchObject({ ok: true, category: '生活随笔' })
  })
})
