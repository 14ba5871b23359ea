import { describe, expect, it } from 'vitest'
import { buildSearchIndex, memorySource } from '@/lib/search/build-index'
import type { SearchDocument } from '@/lib/search/index-format'
import { search } from '@/lib/search/search'
import { parseQuery } from '@/lib/search/tokenize'
import { naughtyStrings, xssPayloads } from '@/tests/support/hostile-input'

/**
 * Every naughty string and XSS payload as a search query (what /search?q=
 * answers on the server and the browser answers from the static index), over
 * an index whose articles are those same strings. A query never throws, and an
 * article holding exactly the query is among its results whenever the query
 * has anything to search for. e2e/hostile-input-http.spec.ts fetches a sample
 * of these from the running server.
 */
const hostile = [...naughtyStrings, ...xssPayloads]
const documents: SearchDocument[] = hostile.map((text, index) => ({
  slug: `naughty-${index}`,
  title: `第 ${index} 篇`,
  date: '2024-01-01',
  category: '测试',
  tags: [],
  text,
}))
const source = memorySource(buildSearchIndex(documents))

describe('hostile search queries', () => {
  it('find the article that holds them, whenever they contain a word to search for', async () => {
    let searchable = 0
    for (const [index, query] of hostile.entries()) {
      const response = await search(source, query, { pageSize: hostile.length })
      expect(response.query, JSON.stringify(query)).toBe(query)
      for (const result of response.results) expect(result.slug).toMatch(/^naughty-\d+$/)
      if (parseQuery(query).length === 0) {
        expect(response.total, JSON.stringify(query)).toBe(0)
        continue
      }
      searchable += 1
      expect(response.results.map((result) => result.slug), JSON.stringify(query)).toContain(`naughty-${index}`)
    }
    expect(searchable).toBeGreaterThan(400)
  })

  it('treat markup in a query as text in the snippets', async () => {
    const response = await search(source, '<script>alert(1)</script>', { pageSize: 50 })
    expect(response.total).toBeGreaterThan(0)
    const snippetText = response.results.flatMap((result) => result.snippet).map((segment) => segment.text).join('')
    expect(snippetText).toContain('<script>')
  })
})
