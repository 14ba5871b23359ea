import { expect, test, type APIRequestContext } from '@playwright/test'
import { naughtyStrings, xssPayloads } from '@/tests/support/hostile-input'
import { signedInClient } from './support/actor-sessions'
import { publishedPosts } from './support/content'
import { testUsers } from './support/users'

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

// Every C0 control, DEL, C1 controls and the Unicode separators, inside otherwise ordinary text.
const controlCharacters = [
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)),
  '\u007f', '\u0080', '\u0085', '\u009b', '\u009f', '\u2028', '\u2029', '\ufeff',
]
const NUL_REFUSED = '查询参数不能包含空字符（%00）'

test('every admin list parameter with every control character is answered, never a 500; NUL is refused with 400 and a message', async ({ playwright, baseURL }, testInfo) => {
  test.setTimeout(180_000)
  const admin = await signedInClient(playwright, baseURL!, testUsers.admin, testInfo.testId)
  // The parameters each page reads: text filters get every character, the others the ones that matter most.
  const parameters: Record<string, { text: string[]; other: string[] }> = {
    '/admin': { text: [], other: ['q'] },
    '/admin/feedback': { text: ['q'], other: ['view', 'page', 'deleted'] },
    '/admin/members': { text: ['q'], other: ['page'] },
    '/admin/comments': { text: ['post', 'member'], other: ['author', 'page'] },
    '/admin/audit': { text: [], other: ['page'] },
  }
  const urls: { url: string; nul: boolean }[] = []
  for (const [page, { text, other }] of Object.entries(parameters)) {
    for (const name of text) for (const character of controlCharacters) urls.push({ url: `${page}?${name}=${encodeURIComponent(`a${character}b`)}`, nul: character === '\u0000' })
    for (const name of other) for (const character of ['\u0000', '\u0001', '\u007f']) urls.push({ url: `${page}?${name}=${encodeURIComponent(character)}`, nul: character === '\u0000' })
    // A NUL in a second value of the same name, or in a name, is refused as well.
    urls.push({ url: `${page}?q=a&q=%00`, nul: true }, { url: `${page}?%00=a`, nul: true })
  }
  const unexpected: string[] = []
  try {
    for (const { url, nul } of urls) {
      const response = await admin.get(url, { maxRedirects: 0 })
      const answer = nul ? `${response.status()} ${await response.text()}` : String(response.status())
      if (answer !== (nul ? `400 ${NUL_REFUSED}` : '200')) unexpected.push(`${url} → ${answer.slice(0, 80)}`)
    }
  } finally {
    await admin.dispose()
  }
  expect(unexpected).toEqual([])
})

test('every page rendered per request refuses a NUL in its query with 400 and a message', async ({ request }) => {
  for (const url of ['/search?q=%00', '/login?callbackUrl=%00', '/login?error=a%00', '/register?callbackUrl=%2F%00', '/feedback?x=%00', '/account?x=%00', '/api/comments?post=%00', '/api/comments/recent?x=%00', '/api/health?%00']) {
    const response = await request.get(url, { maxRedirects: 0 })
    expect(response.status(), url).toBe(400)
    expect(await response.text(), url).toBe(NUL_REFUSED)
  }
})
