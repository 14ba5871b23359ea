import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { publishedPosts, type ExpectedPost } from './support/content'

const posts = publishedPosts()

/**
 * An article's prose, roughly as the index sees it: no front matter, math,
 * code, images, link targets or JSX. Removed parts become line breaks, so no
 * two words join here that are not adjacent in the article.
 */
function proseOf(post: ExpectedPost): string {
  return post.source
    .replace(/^---[\s\S]*?\n---\n/, '')
    .replace(/```[\s\S]*?```/g, '\n')
    .replace(/\$\$[\s\S]*?\$\$/g, '\n')
    .replace(/\$[^$\n]*\$/g, '\n')
    .replace(/`[^`\n]*`/g, '\n')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '\n')
    .replace(/\]\([^)]*\)/g, '\n')
    .replace(/<[^>]*>|\{[^}]*\}/g, '\n')
}

/** True when no other article's source (prose, math, front matter, anything) contains every part. */
function onlyIn(post: ExpectedPost, parts: string[]): boolean {
  return posts.every((other) => other.slug === post.slug || !parts.every((part) => other.source.toLowerCase().includes(part.toLowerCase())))
}

/** Sentences from the middle of the article outwards. */
function middleSentences(post: ExpectedPost): string[] {
  const sentences = proseOf(post).split(/[。！？；\n]/).filter((s) => s.trim().length > 0)
  const middle = Math.floor(sentences.length / 2)
  return sentences.map((_, i) => sentences[middle + (i % 2 ? -(i + 1) / 2 : i / 2)]).filter((s): s is string => s !== undefined)
}

const words = new Intl.Segmenter('zh', { granularity: 'word' })

/**
 * A two-character Chinese word (as a dictionary segmenter sees it) from the
 * middle of a sentence in the middle of the article, found in no other article.
 */
function chineseQueryFor(post: ExpectedPost): string | undefined {
  for (const sentence of middleSentences(post)) {
    for (const run of sentence.match(/[\u4e00-\u9fff]{6,}/g) ?? []) {
      for (const { segment, index } of words.segment(run)) {
        const inMiddle = index >= 2 && index + segment.length <= run.length - 2
        if (segment.length === 2 && inMiddle && onlyIn(post, [segment])) return segment
      }
    }
  }
  return undefined
}

/** An English word from the prose found in no other article, in the wrong case. */
function englishQueryFor(post: ExpectedPost): string | undefined {
  for (const sentence of middleSentences(post)) {
    for (const word of sentence.match(/(?<![A-Za-z0-9_-])[A-Za-z]{4,}(?![A-Za-z0-9_-])/g) ?? []) {
      if (onlyIn(post, [word])) return word === word.toUpperCase() ? word.toLowerCase() : word.toUpperCase()
    }
  }
  return undefined
}

/** Chinese written against an English word, as in 线性Attention; no other article has both. */
function mixedQueryFor(post: ExpectedPost): string | undefined {
  for (const sentence of middleSentences(post)) {
    for (const match of sentence.matchAll(/([\u4e00-\u9fff]{2}) ?([A-Za-z]{3,})(?![A-Za-z0-9_-])|(?<![A-Za-z0-9_-])([A-Za-z]{3,}) ?([\u4e00-\u9fff]{2})/g)) {
      const [chinese, english] = match[1] ? [match[1], match[2]!] : [match[4]!, match[3]!]
      if (onlyIn(post, [chinese, english])) return match[1] ? `${chinese}${english}` : `${english}${chinese}`
    }
  }
  return undefined
}

interface Case {
  kind: string
  query: string
  post: ExpectedPost
}

function pickCases(): Case[] {
  const cases: Case[] = []
  const find = (kind: string, queryFor: (post: ExpectedPost) => string | undefined, skip: number) => {
    // Different articles for different kinds, where the content allows it.
    const ordered = [...posts.slice(skip), ...posts.slice(0, skip)]
    for (const post of ordered) {
      const query = queryFor(post)
      if (query) return cases.push({ kind, query, post })
    }
    throw new Error(`no article has ${kind} word that no other article contains`)
  }
  find('a Chinese', chineseQueryFor, 0)
  find('an English', englishQueryFor, 1)
  find('a mixed Chinese-English', mixedQueryFor, 2)
  return cases
}

const cases = pickCases()
const main = (page: Page) => page.getByRole('main')
const resultLinks = (page: Page) => main(page).locator('.search-result__title a')

async function resultsWithoutJavaScript(browser: Browser, query: string): Promise<string[]> {
  const context = await browser.newContext({ javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    await page.goto(`/search?q=${encodeURIComponent(query)}`)
    return await resultLinks(page).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
  } finally {
    await context.close()
  }
}

for (const { kind, query, post } of cases) {
  test(`${kind} word from the middle of an article (“${query}”) finds it first, typed or without JavaScript`, async ({ page, browser }) => {
    await page.goto('/search')
    await main(page).getByRole('searchbox', { name: '搜索关键词' }).fill(query)
    await expect(main(page).getByRole('status')).toContainText(/找到 \d+ 篇/)
    await expect(resultLinks(page).first()).toHaveAttribute('href', `/archives/${post.slug}`)
    // The address follows the query, so the results can be shared.
    await expect(page).toHaveURL(`/search?q=${encodeURIComponent(query)}`)
    // The matched words are highlighted, in the title or the snippet.
    await expect(main(page).locator('.search-result').first().locator('mark').first()).toBeVisible()

    const typed = await resultLinks(page).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
    expect(await resultsWithoutJavaScript(browser, query)).toEqual(typed)
  })
}

test('a result shows its title as a link, its date and its category', async ({ page }) => {
  const { query, post } = cases[0]!
  await page.goto(`/search?q=${encodeURIComponent(query)}`)
  const first = main(page).locator('.search-result').first()
  await expect(first.getByRole('heading', { level: 2 })).toHaveText(post.title)
  await expect(first.getByRole('link', { name: post.title })).toHaveAttribute('href', `/archives/${post.slug}`)
  await expect(first.locator('time')).toHaveAttribute('datetime', post.date)
  await expect(first.getByRole('link', { name: post.category, exact: true })).toHaveAttribute('href', `/category/${encodeURIComponent(post.category)}`)
})

test('a nonsense query shows the empty state with the archive and popular tags', async ({ page }) => {
  await page.goto('/search')
  await main(page).getByRole('searchbox', { name: '搜索关键词' }).fill('zqxjkvwq')
  await expect(main(page).getByRole('status')).toHaveText('没有找到与“zqxjkvwq”相关的文章。')
  await expect(resultLinks(page)).toHaveCount(0)
  await expect(main(page).getByRole('heading', { name: '换个方式找找' })).toBeVisible()
  await expect(main(page).getByRole('link', { name: '浏览全部文章归档' })).toHaveAttribute('href', '/archives')
  const tag = posts.flatMap((p) => p.tags)[0]!
  await expect(main(page).locator('.search-empty').getByRole('link', { name: tag, exact: true })).toHaveAttribute('href', `/tag/${encodeURIComponent(tag)}`)
})

const hostile = `<img src=x onerror="window.__injected=1"><script>window.__injected=2</script>"'&amp;`

test('a query containing HTML and script is shown as text and runs nothing', async ({ page, browser }) => {
  page.on('dialog', (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`)
  })
  await page.goto(`/search?q=${encodeURIComponent(hostile)}`)
  const status = main(page).getByRole('status')
  await expect(status).toContainText(`“${hostile}”`)
  await expect(main(page).getByRole('searchbox', { name: '搜索关键词' })).toHaveValue(hostile)
  // Typed in the browser as well as rendered by the server.
  await main(page).getByRole('searchbox', { name: '搜索关键词' }).fill(`${hostile} 注意力`)
  await expect(status).toContainText(`“${hostile} 注意力”`)
  expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined()
  expect(await page.locator('img[src="x"]').count()).toBe(0)
  expect(await page.locator('script', { hasText: '__injected' }).count()).toBe(0)
  expect(await page.title()).toContain(hostile.trim())

  const context = await browser.newContext({ javaScriptEnabled: false })
  const noScript = await context.newPage()
  await noScript.goto(`/search?q=${encodeURIComponent(hostile)}`)
  await expect(main(noScript).getByRole('status')).toContainText(`“${hostile}”`)
  expect(await noScript.locator('img[src="x"]').count()).toBe(0)
  await context.close()
})

test('"/" focuses the header search box, except while typing in a field', async ({ page }) => {
  await page.goto('/')
  const box = page.getByRole('searchbox', { name: '搜索文章' })
  await expect(box).not.toBeFocused()
  await page.keyboard.press('/')
  await expect(box).toBeFocused()
  await expect(box).toHaveValue('')
  await page.keyboard.type('a/b')
  await expect(box).toHaveValue('a/b')
})

test('the header box loads no index until the reader types, then searches on Enter', async ({ page }) => {
  const indexRequests: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/search-index/')) indexRequests.push(request.url())
  })
  await page.goto('/')
  await page.waitForLoadState('load')
  expect(indexRequests).toEqual([])
  const { query, post } = cases[0]!
  const box = page.getByRole('searchbox', { name: '搜索文章' })
  await box.fill(query)
  await expect.poll(() => indexRequests.length).toBeGreaterThan(0)
  await box.press('Enter')
  await expect(page).toHaveURL(`/search?q=${encodeURIComponent(query)}`)
  await expect(resultLinks(page).first()).toHaveAttribute('href', `/archives/${post.slug}`)
})

test('the index is static JSON covering every published article', async ({ request }) => {
  const response = await request.get('/search-index/manifest.json')
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toContain('application/json')
  const manifest = (await response.json()) as { documents: number; chunks: number; version: string }
  expect(manifest.documents).toBe(posts.length)
  const chunk = await request.get(`/search-index/t0.${manifest.version}.json`)
  expect(chunk.status()).toBe(200)
  expect((await request.get('/search-index/not-a-file.json')).status()).toBe(404)
})

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on search results and the empty state in ${scheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme })
    for (const query of [cases[0]!.query, 'zqxjkvwq']) {
      await page.goto(`/search?q=${encodeURIComponent(query)}`)
      await expect(main(page).getByRole('status')).not.toBeEmpty()
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([])
    }
  })
}
