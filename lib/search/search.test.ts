import { describe, expect, it } from 'vitest'
import { buildSearchIndex, memorySource, serializeSearchIndex } from './build-index'
import { chunkFile, chunkOf, hashString, type SearchDocument } from './index-format'
import { search } from './search'

const doc = (slug: string, date: string, fields: Partial<SearchDocument>): SearchDocument => ({
  slug,
  title: slug,
  date,
  category: '信息时代',
  tags: [],
  text: '',
  ...fields,
})

const corpus: SearchDocument[] = [
  doc('body-heavy', '2024-03-01', {
    title: '位置编码的几种写法',
    text: '长度外推是一个老问题。长度外推需要修正位置编码，长度外推的实验也很多，长度外推值得反复讨论。',
  }),
  doc('in-title', '2023-01-01', { title: '从熵看长度外推', text: '本文讨论缩放因子。' }),
  doc('scattered', '2024-06-01', { title: '无关标题', text: '序列长度变长时，外推能力变差，推理更慢。' }),
  doc('linear', '2022-05-05', { title: '线性注意力', tags: ['Transformer'], text: '把 Attention 看成核函数，线性复杂度。' }),
  doc('draft-like', '2021-01-01', { title: '数值稳定', text: 'log-sum-exp 在 <b>fp16</b> 下会溢出。' }),
]

const index = buildSearchIndex(corpus)
const source = memorySource(index)
const slugs = async (query: string) => (await search(source, query)).results.map((r) => r.slug)

describe('search ranking', () => {
  it('puts the article with the words in its title first, before one that repeats them in the body', async () => {
    expect(await slugs('长度外推')).toEqual(['in-title', 'body-heavy'])
  })

  it('does not match a phrase whose characters only occur apart', async () => {
    expect(await slugs('长度外推')).not.toContain('scattered')
  })

  it('finds a two-character word from the middle of a sentence', async () => {
    expect(await slugs('修正')).toEqual(['body-heavy'])
  })

  it('matches mixed Chinese and English queries, English case-insensitively', async () => {
    expect(await slugs('线性ATTENTION')).toEqual(['linear'])
    expect(await slugs('transformer')).toEqual(['linear'])
  })

  it('falls back to the articles with the most terms when none has all, and says so', async () => {
    const response = await search(source, '线性 量子引力')
    expect(response.partial).toBe(true)
    expect(response.results.map((r) => r.slug)).toEqual(['linear'])
  })

  it('returns nothing for a query that matches nothing, or has no words', async () => {
    expect((await search(source, 'zzqxj')).total).toBe(0)
    expect((await search(source, '，。！')).total).toBe(0)
    expect((await search(source, 'constructor __proto__ hasOwnProperty')).total).toBe(0)
  })

  it('highlights the query in the title and cuts the snippet around it', async () => {
    const [first] = (await search(source, '长度外推')).results
    expect(first!.titleSegments).toEqual([{ text: '从熵看' }, { text: '长度外推', match: true }])
    const [heavy] = (await search(source, '修正')).results
    expect(heavy!.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['修正'])
  })

  it('pages through results in rank order', async () => {
    const all = (await search(source, '长度', { pageSize: 100 })).results.map((r) => r.slug)
    const second = await search(source, '长度', { page: 2, pageSize: 1 })
    expect(all.length).toBe(3)
    expect(second.page).toBe(2)
    expect(second.pageCount).toBe(all.length)
    expect(second.results.map((r) => r.slug)).toEqual([all[1]])
  })
})

describe('index files', () => {
  it('assigns a token to the same chunk on every build (FNV-1a over UTF-16)', () => {
    expect(hashString('')).toBe(0x811c9dc5)
    expect(hashString('a')).toBe(0xe40c292c)
    // The published FNV-1a test vector, then values computed by hand from it.
    expect(hashString('foobar')).toBe(0xbf9cf968)
    expect(hashString('注意')).toBe(0x51592c08)
    expect(chunkOf('注意', 16)).toBe(8)
    expect(chunkOf('注意', 7)).toBe(2)
    expect(chunkOf('ab', 16)).toBe(10)
    expect(chunkOf('vq', 7)).toBe(3)
  })

  it('puts every token in the chunk its hash names, and a changed article changes the version', () => {
    const small = buildSearchIndex(corpus, { targetChunkBytes: 256 })
    expect(small.manifest.chunks).toBeGreaterThan(1)
    small.chunks.forEach((chunk, n) => {
      for (const token of Object.keys(chunk)) expect(chunkOf(token, small.manifest.chunks)).toBe(n)
    })
    const files = serializeSearchIndex(small)
    expect(files.has(chunkFile(0, small.manifest.version))).toBe(true)
    const edited = buildSearchIndex(corpus.map((d) => (d.slug === 'linear' ? { ...d, text: `${d.text}新增一句。` } : d)), { targetChunkBytes: 256 })
    expect(edited.manifest.version).not.toBe(small.manifest.version)
    expect(buildSearchIndex([...corpus].reverse(), { targetChunkBytes: 256 }).manifest.version).toBe(small.manifest.version)
  })

  it('numbers documents newest first', () => {
    expect(index.documents.map((d) => d.slug)).toEqual(['scattered', 'body-heavy', 'in-title', 'linear', 'draft-like'])
  })
})
