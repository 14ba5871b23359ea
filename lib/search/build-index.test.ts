import { describe, expect, it } from 'vitest'
import { buildSearchIndex, memorySource, searchDocument, serializeSearchIndex } from './build-index'
import type { SearchDocument } from './index-format'

const doc = (slug: string, date: string, fields: Partial<SearchDocument> = {}): SearchDocument => ({ slug, title: slug, date, category: '类', tags: [], text: '', ...fields })

describe('building the search index', () => {
  it('indexes an article’s summary without its math, and drops an empty one', () => {
    expect(searchDocument(doc('a', '2024-01-01', { summary: '设  $x^2$ 为  平方，$y$ 亦然' }))).toEqual({ ...doc('a', '2024-01-01'), summary: '设 为 平方， 亦然' })
    expect(searchDocument(doc('a', '2024-01-01', { summary: ' $x$ ' }))).toEqual(doc('a', '2024-01-01'))
    expect('summary' in searchDocument(doc('a', '2024-01-01'))).toBe(false)
    expect(searchDocument(doc('a', '2024-01-01', { summary: '设$x$为' })).summary).toBe('设 为')
  })

  it('numbers documents newest first, by slug within a day', () => {
    const index = buildSearchIndex([doc('b', '2024-01-01'), doc('c', '2024-02-01'), doc('a', '2024-01-01')])
    expect(index.documents.map((d) => d.slug)).toEqual(['c', 'a', 'b'])
  })

  it('packs each token’s fields and body count, ids as gaps', () => {
    const index = buildSearchIndex([
      doc('one', '2024-01-03', { title: '梯度', tags: ['优化'], text: '梯度 梯度' }),
      doc('two', '2024-01-02', { text: '无关' }),
      doc('three', '2024-01-01', { category: '梯度', summary: '梯度', text: '梯度' }),
    ])
    const [chunk] = index.chunks
    // one: title(1) + body(16), count 2 → 17 + (2 << 5); three: category(4) + summary(8) + body(16), count 1.
    expect(chunk!['梯度']).toEqual([0, 17 + (2 << 5), 2, 28 + (1 << 5)])
    expect(chunk!['优化']).toEqual([0, 2])
    const tagged = buildSearchIndex([doc('t', '2024-01-01', { tags: ['vq', 'vae'] })]).chunks[0]!
    expect([tagged['vq'], tagged['vae'], tagged['vqvae']]).toEqual([[0, 2], [0, 2], undefined])
    expect(index.manifest).toMatchObject({ format: 1, documents: 3, chunks: 1, lengths: [2, 1, 1] })
  })

  it('caps body counts at 255', () => {
    const index = buildSearchIndex([doc('many', '2024-01-01', { text: 'x '.repeat(300) })])
    expect(index.chunks[0]!['x']).toEqual([0, 16 + (255 << 5)])
  })

  it('estimates a token’s size as three bytes a character, four more, and its postings', () => {
    // One token, "ab": 2 × 3 + 4 + '[0,49]'.length = 16 bytes.
    const one = [doc('ab', '2024-01-01', { category: '', text: 'ab' })]
    expect(buildSearchIndex(one, { targetChunkBytes: 16 }).manifest.chunks).toBe(1)
    expect(buildSearchIndex(one, { targetChunkBytes: 15 }).manifest.chunks).toBe(2)
  })

  it('sizes chunks to the target, at least one', () => {
    const docs = Array.from({ length: 40 }, (_, i) => doc(`d${i}`, '2024-01-01', { text: `词${i}号 word${i}` }))
    expect(buildSearchIndex(docs).manifest.chunks).toBe(1)
    expect(buildSearchIndex(docs, { targetChunkBytes: 1 }).manifest.chunks).toBeGreaterThan(100)
    expect(buildSearchIndex([], {}).manifest).toMatchObject({ documents: 0, chunks: 1, lengths: [] })
  })

  it('stores tokens named like Object’s properties as tokens', () => {
    const index = buildSearchIndex([doc('p', '2024-01-01', { text: '__proto__ constructor' })])
    expect(Object.getPrototypeOf(index.chunks[0])).toBeNull()
    expect(index.chunks[0]!['constructor']).toEqual([0, 16 + (1 << 5)])
  })

  it('names a version of 12 hex digits that follows every file’s content', () => {
    const base = [doc('a', '2024-01-01', { text: '甲' })]
    const version = buildSearchIndex(base).manifest.version
    expect(version).toMatch(/^[0-9a-f]{12}$/)
    expect(buildSearchIndex(base).manifest.version).toBe(version)
    expect(buildSearchIndex([doc('a', '2024-01-01', { text: '乙' })]).manifest.version).not.toBe(version)
    expect(buildSearchIndex([doc('a', '2024-01-01', { text: '甲', title: 'b' })]).manifest.version).not.toBe(version)
    expect(buildSearchIndex([doc('a', '2024-01-02', { text: '甲' })]).manifest.version).not.toBe(version)
    expect(buildSearchIndex(base, { targetChunkBytes: 1 }).manifest.version).not.toBe(version)
  })

  it('serves the index from memory only under its own version', async () => {
    const index = buildSearchIndex([doc('a', '2024-01-01', { text: '甲' })])
    const source = memorySource(index)
    const { version } = index.manifest
    expect(await source.manifest()).toBe(index.manifest)
    expect(await source.chunk(0, version)).toBe(index.chunks[0])
    expect(await source.chunk(5, version)).toEqual({})
    expect(await source.document(0, version)).toBe(index.documents[0])
    await expect(source.document(1, version)).rejects.toThrow('search index has no document 1')
    await expect(source.chunk(0, 'old')).rejects.toThrow(`search index version old is not ${version}`)
    await expect(source.document(0, 'old')).rejects.toThrow(`search index version old is not ${version}`)
  })

  it('writes the manifest, each chunk and each document as files', () => {
    const index = buildSearchIndex([doc('a', '2024-01-02', { text: '甲' }), doc('b', '2024-01-01')])
    const files = serializeSearchIndex(index)
    const v = index.manifest.version
    expect([...files.keys()]).toEqual(['manifest.json', `t0.${v}.json`, `d0.${v}.json`, `d1.${v}.json`])
    expect(JSON.parse(files.get('manifest.json')!)).toEqual(index.manifest)
    expect(JSON.parse(files.get(`d1.${v}.json`)!)).toEqual(index.documents[1])
  })
})
