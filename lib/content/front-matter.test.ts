import { describe, expect, it } from 'vitest'
import { FrontMatterError, parseFrontMatter } from './front-matter'

const file = 'content/posts/example.mdx'
const source = (yaml: string) => `---\n${yaml}\n---\n\n正文。\n`

function problemsOf(yaml: string): string[] {
  try {
    parseFrontMatter(file, source(yaml))
  } catch (error) {
    if (error instanceof FrontMatterError) return error.message.split('\n')
    throw error
  }
  return []
}

describe('front matter', () => {
  it('accepts the documented keys and fills defaults', () => {
    const fm = parseFrontMatter(
      file,
      source('title: Key归一化助力长度外推\ndate: 2023-11-20\ncategory: 信息时代\ntags: [Transformer, 长度外推]\nseries: Transformer升级之路\nseriesPart: 15\nupdated: 2023-12-01'),
    )
    expect(fm).toMatchObject({ title: 'Key归一化助力长度外推', date: '2023-11-20', tags: ['Transformer', '长度外推'], seriesPart: 15, draft: false, macros: {} })
  })

  it('names the file, line and key of a missing required key', () => {
    expect(problemsOf('title: 标题\ndate: 2023-11-20')).toEqual([`${file}: front matter "category" is required`])
  })

  it('rejects unknown keys', () => {
    expect(problemsOf('title: 标题\ndate: 2023-11-20\ncategory: 随笔\nauthor: 某人')).toEqual([
      `${file}:5: front matter "author" unknown key(s): author`,
    ])
  })

  it('rejects a badly written or impossible date, pointing at its line', () => {
    expect(problemsOf('title: 标题\ndate: 2023/11/20\ncategory: 随笔')).toEqual([
      `${file}:3: front matter "date" must be a date written YYYY-MM-DD`,
    ])
    expect(problemsOf('title: 标题\ndate: 2023-02-30\ncategory: 随笔')).toEqual([
      `${file}:3: front matter "date" is not a real calendar date`,
    ])
  })

  it('requires seriesPart with series', () => {
    expect(problemsOf('title: 标题\ndate: 2023-11-20\ncategory: 随笔\nseries: 某系列')).toEqual([
      `${file}: front matter "seriesPart" is required when series is set`,
    ])
  })

  it('reports YAML syntax errors with a line', () => {
    expect(problemsOf('title: [unclosed\ndate: 2023-11-20')[0]).toMatch(new RegExp(`^${file}:\\d+: front matter "yaml" is not valid YAML`))
  })

  it('requires a front matter block at all', () => {
    expect(() => parseFrontMatter(file, '# no front matter')).toThrow(/front matter "---" is missing/)
  })
})
