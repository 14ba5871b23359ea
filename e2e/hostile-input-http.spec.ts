import { expect, test, type APIRequestContext } from '@playwright/test'
import { naughtyStrings, xssPayloads } from '@/tests/support/hostile-input'
import { publishedPosts } from './support/content'

/**
 * Hostile values where a URL carries them: every path segment a route reads
 * (slug, tag, category, series, page number) and the search query of the
 * server-rendered /search fallback, fetched from the production server. Every
 * XSS payload and a fixed sample of the naughty strings (all of them go through
 * the forms' actions in tests/integration/hostile-input.test.ts). No 500, and
 * no markup sent back as markup.
 */

// Every seventh naughty string: ~75 of them, the same ones on every run.
const sample = [...naughtyStrings.filter((_, index) => index % 7 === 0), ...xssPayloads]
// Written into the URL as they are: encodings no browser produces (a 400 from proxy.ts; Next.js alone answers 500)…
const malformed = ['%', '%zz', 'a%', '%E0%A4%A', '%C0%AF', '%ED%A0%80']
// …and well-formed ones that decode to something a path should not hold.
const oddButWellFormed = ['%00', '%2e%2e', '..%2F..%2Fetc%2Fpasswd', '%2F', '%5C', '%25']

/** As a browser puts a string into a URL: UTF-8 (lone surrogates as U+FFFD), percent-encoded. */
function segment(value: string): string {
  return encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'))
}

const post = publishedPosts()[0]!
const routes: Record<string, (x: string) => string> = {
  article: (x) => `/archives/${x}`,
  tag: (x) => `/tag/${x}`,
  category: (x) => `/category/${x}`,
  series: (x) => `/series/${x}`,
  'page of the article list': (x) => `/page/${x}`,
  'page of a category': (x) => `/category/${encodeURIComponent(post.category)}/page/${x}`,
  'category of a paged list': (x) => `/category/${x}/page/2`,
  'page of a tag': (x) => `/tag/${encodeURIComponent(post.tags[0]!)}/page/${x}`,
}

/** Fetches `paths` a few at a time; returns each path's status and body. */
async function fetchAll(request: APIRequestContext, paths: readonly string[]) {
  const answers: { path: string; status: number; body: string }[] = []
  const CONCURRENCY = 4
  for (let start = 0; start < paths.length; start += CONCURRENCY) {
    const batch = paths.slice(start, start + CONCURRENCY).map(async (path) => {
      const response = await request.get(path, { maxRedirects: 0 })
      return { path, status: response.status(), body: await response.text() }
    })
    answers.push(...(await Promise.all(batch)))
  }
  return answers
}

/** Markup from the request echoed as markup: the raw payload in the HTML, outside of what React escaped. */
function reflectsMarkup(body: string, value: string): boolean {
  return /[<>]/.test(value) && body.includes(value)
}

for (const [route, url] of Object.entries(routes)) {
  test(`hostile values as the ${route} in the URL get a 404, never a 500, and are not echoed as markup`, async ({ request }) => {
    test.setTimeout(120_000)
    const answers = await fetchAll(request, sample.map((value) => url(segment(value))))
    for (const [index, { path, status, body }] of answers.entries()) {
      expect(status, path).toBe(404)
      expect(reflectsMarkup(body, sample[index]!), path).toBe(false)
    }
    for (const { path, status } of await fetchAll(request, malformed.map(url))) expect(status, path).toBe(400)
    // '..' segments resolve (to another page or a 404): anything but a server error.
    for (const { path, status } of await fetchAll(request, oddButWellFormed.map(url))) expect(status, path).toBeLessThan(500)
  })
}

test('hostile search queries render the server-side results page, never a 500, with the query as text', async ({ request }) => {
  test.setTimeout(120_000)
  const answers = await fetchAll(request, sample.map((value) => `/search?q=${segment(value)}`))
  for (const [index, { path, status, body }] of answers.entries()) {
    expect(status, path).toBe(200)
    expect(body, path).toContain('<h1 class="page-title">搜索</h1>')
    expect(reflectsMarkup(body, sample[index]!), path).toBe(false)
  }
  for (const raw of malformed) {
    const response = await request.get(`/search?q=${raw}`)
    expect(response.status(), raw).toBeLessThan(500)
  }
})
