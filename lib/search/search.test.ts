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

describe('search results', () => {
  const many = Array.from({ length: 23 }, (_, i) =>
    doc(`post-${String(i).padStart(2, '0')}`, `2024-01-${String(i + 1).padStart(2, '0')}`, { title: `第 ${i} 篇`, text: '共同的词：梯度。' }),
  )
  const manySource = memorySource(buildSearchIndex(many))

  it('pages by 10, clamping the page to what exists', async () => {
    const first = await search(manySource, '梯度')
    expect(first).toMatchObject({ query: '梯度', total: 23, page: 1, pageCount: 3, partial: false })
    expect(first.results).toHaveLength(10)
    // Equal scores: newest first.
    expect(first.results.map((r) => r.slug).slice(0, 3)).toEqual(['post-22', 'post-21', 'post-20'])
    expect((await search(manySource, '梯度', { page: 3 })).results.map((r) => r.slug)).toEqual(['post-02', 'post-01', 'post-00'])
    expect(await search(manySource, '梯度', { page: 99 })).toMatchObject({ page: 3 })
    expect(await search(manySource, '梯度', { page: 0 })).toMatchObject({ page: 1 })
    expect(await search(manySource, '梯度', { page: -4 })).toMatchObject({ page: 1 })
    expect(await search(manySource, '梯度', { page: 2.9 })).toMatchObject({ page: 2 })
    expect(await search(manySource, '梯度', { pageSize: 23 })).toMatchObject({ pageCount: 1 })
    expect(await search(manySource, '梯度', { pageSize: 22 })).toMatchObject({ pageCount: 2 })
  })

  it('answers an empty result in the same shape, with the query', async () => {
    expect(await search(manySource, '没有这个词')).toEqual({ query: '没有这个词', total: 0, page: 1, pageCount: 0, partial: false, results: [] })
    expect(await search(manySource, '   ')).toEqual({ query: '   ', total: 0, page: 1, pageCount: 0, partial: false, results: [] })
  })

  it('returns each result’s slug, title, date, category and a snippet', async () => {
    const [result] = (await search(source, '修正')).results
    expect(result).toEqual({
      slug: 'body-heavy',
      title: '位置编码的几种写法',
      titleSegments: [{ text: '位置编码的几种写法' }],
      date: '2024-03-01',
      category: '信息时代',
      snippet: [
        { text: '…' },
        { text: '长度外推需要' },
        { text: '修正', match: true },
        { text: '位置编码，长度外推的实验也很多，长度外推值得反复讨论。' },
      ],
    })
  })

  it('takes the snippet from the summary when the body does not hold the words', async () => {
    const withSummary = memorySource(
      buildSearchIndex([doc('summed', '2024-01-01', { title: '标题', summary: '这篇讲梯度裁剪。', text: '正文只谈别的事情。' })]),
    )
    const [result] = (await search(withSummary, '梯度')).results
    expect(result!.snippet).toEqual([{ text: '这篇讲' }, { text: '梯度', match: true }, { text: '裁剪。' }])
    // Matching only the title, the summary says best what the article is about.
    const [byTitle] = (await search(withSummary, '标题')).results
    expect(byTitle!.snippet).toEqual([{ text: '这篇讲梯度裁剪。' }])
    const [plain] = (await search(source, '线性注意力')).results
    expect(plain!.snippet).toEqual([{ text: '把 Attention 看成核函数，线性复杂度。' }])
  })

  it('ranks a title match above tags, tags above category and summary, and those above the body', async () => {
    const fields = memorySource(
      buildSearchIndex([
        doc('body', '2024-01-05', { title: 'a', text: '量化 量化 量化 量化' }),
        doc('summary', '2024-01-04', { title: 'b', summary: '关于量化', text: '无' }),
        doc('tag', '2024-01-03', { title: 'c', tags: ['量化'], text: '无' }),
        doc('title', '2024-01-02', { title: '量化', text: '无' }),
        doc('category', '2024-01-01', { title: 'd', category: '量化', text: '无' }),
      ]),
    )
    const ranked = (await search(fields, '量化')).results.map((r) => r.slug)
    expect(ranked[0]).toBe('title')
    expect(ranked[1]).toBe('tag')
    expect(ranked.at(-1)).toBe('body')
    expect(ranked.slice(2, 4).sort()).toEqual(['category', 'summary'])
  })

  it('ranks more occurrences higher, and a rare word above a common one', async () => {
    const counts = memorySource(
      buildSearchIndex([
        doc('once', '2024-01-03', { text: '梯度出现一次，其余都是填充的文字内容。' }),
        doc('thrice', '2024-01-02', { text: '梯度梯度梯度，其余都是填充的文字内容。' }),
        doc('rare', '2024-01-01', { text: '只有这里有熵，其余都是填充的文字内容。' }),
      ]),
    )
    expect((await search(counts, '梯度')).results.map((r) => r.slug)).toEqual(['thrice', 'once'])
    // Both words in no article: the one with the rarer word comes first.
    expect((await search(counts, '梯度 熵')).results.map((r) => r.slug)[0]).toBe('rare')
  })

  it('ranks a match in a short body above the same match in a long one', async () => {
    const lengths = memorySource(
      buildSearchIndex([
        doc('long', '2024-01-02', { text: `梯度。${'很长的正文'.repeat(50)}` }),
        doc('short', '2024-01-01', { text: '梯度。短文。' }),
      ]),
    )
    expect((await search(lengths, '梯度')).results.map((r) => r.slug)).toEqual(['short', 'long'])
  })

  it('counts a phrase where all its bigrams are, as often as the rarest of them', async () => {
    const phrase = memorySource(
      buildSearchIndex([
        // 注意 three times but 意力 once: the phrase at most once.
        doc('repeats-half', '2024-01-03', { title: '注意', text: '注意注意注意意力' }),
        doc('twice', '2024-01-02', { text: '注意力注意力' }),
      ]),
    )
    // The title holds 注意 but not 意力: the phrase is not in the title.
    expect((await search(phrase, '注意力')).results.map((r) => r.slug)).toEqual(['twice', 'repeats-half'])
  })

  it('cuts the snippet from the body whenever the body holds a word, summary or not', async () => {
    const both = memorySource(buildSearchIndex([doc('both', '2024-01-01', { summary: '摘要也提到梯度。', text: '正文讲梯度裁剪。' })]))
    const [result] = (await search(both, '梯度')).results
    expect(result!.snippet).toEqual([{ text: '正文讲' }, { text: '梯度', match: true }, { text: '裁剪。' }])
  })

  it('puts articles with more title terms first', async () => {
    const titles = memorySource(
      buildSearchIndex([
        doc('one-in-title', '2024-01-02', { title: '梯度', text: '裁剪 裁剪 裁剪 裁剪 裁剪' }),
        doc('two-in-title', '2024-01-01', { title: '梯度裁剪', text: '无' }),
      ]),
    )
    expect((await search(titles, '梯度 裁剪')).results.map((r) => r.slug)).toEqual(['two-in-title', 'one-in-title'])
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
