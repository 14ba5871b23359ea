import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import type { Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { mathFromMarkdown } from 'mdast-util-math'
import { mdxFromMarkdown } from 'mdast-util-mdx'
import { gfm } from 'micromark-extension-gfm'
import { math } from 'micromark-extension-math'
import { mdxjs } from 'micromark-extension-mdxjs'
import { chromium } from 'playwright-core'
import { prepareBareEnvironments } from '@/lib/content/compile/bare-environments'
import { extractText } from '@/lib/content/compile/excerpt'
import { parseFrontMatter } from '@/lib/content/front-matter'
import { buildSearchIndex, memorySource, searchDocument, serializeSearchIndex, type SearchIndex } from '@/lib/search/build-index'
import { chunkFile, documentFile, manifestFile, type SearchDocument } from '@/lib/search/index-format'
import { search, type SearchSource } from '@/lib/search/search'
import { generateCorpus } from './corpus/generate-corpus'

/**
 * Search on the generated corpus: index size, the bytes (gzip) a first query
 * downloads, and query latency, in Chromium with the code the site ships and
 * in Node with the same code. Targets (issue 8): ≤ 300 KB and ≤ 30 ms.
 */

export interface SearchBenchOptions {
  articles?: number
  /** Skip Chromium and measure in Node only. */
  nodeOnly?: boolean
  /** Port of the static file server the browser reads the index from. */
  port?: number
}

export interface FirstQuery {
  query: string
  results: number
  requests: number
  gzipBytes: number
  ms: number
}

export interface SearchBenchResult {
  articles: number
  buildMs: number
  index: {
    files: number
    chunks: number
    bytes: number
    gzipBytes: number
    manifestGzipBytes: number
    chunkGzipBytes: { median: number; max: number }
    documentGzipBytes: { median: number; max: number }
  }
  /** Gzip size of the search code a browser loads (browser-search.ts bundled and minified). */
  codeGzipBytes: number
  /**
   * A fresh browser (empty cache) runs each query once: manifest, chunks,
   * documents of page one. With nodeOnly, the same files counted in Node.
   */
  firstQuery: { queries: FirstQuery[] | null; medianGzipBytes: number; maxGzipBytes: number }
  /** The same figures per article for content/posts, whose prose is real. */
  realArticles: ReturnType<typeof measureRealArticles>
  /** Median ms per query, after the first load. */
  latency: {
    /** Chromium, manifest loaded, the query's own chunks and documents fetched from localhost. */
    browserNewQueryMs: number | null
    /** The part of it spent waiting for those files. */
    browserNewQueryNetworkMs: number | null
    /** Chromium, the same query again: ranking and snippets only. */
    browserRepeatQueryMs: number | null
    /** Node, index in memory. */
    nodeMs: number
  }
}

const QUERIES = ['长度外推', '方差的估计', '数值稳定性', '集中不等式', '注意力', 'Transformer', '量化误差 噪声', '线性Attention', '基准文章 512', '熵']

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits))

/**
 * The search document of a corpus file. Compiling 1,000 articles through MDX
 * takes minutes, so the prose comes from the same extractText the compiler
 * uses, run on a plain parse of the same syntax (MDX, math, GFM).
 */
function documentOf(file: string): { document: SearchDocument; draft: boolean } {
  const source = fs.readFileSync(file, 'utf8')
  const front = parseFrontMatter(file, source)
  // Bare \begin{equation}… in prose becomes display math first, as the compiler does.
  const prepared = prepareBareEnvironments(source.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '')).source
  const tree = fromMarkdown(prepared, {
    extensions: [mdxjs(), math(), gfm()],
    mdastExtensions: [mdxFromMarkdown(), mathFromMarkdown(), gfmFromMarkdown()],
  }) as Root
  const document = searchDocument({ ...front, slug: path.basename(file, '.mdx'), text: extractText(tree) })
  return { document, draft: front.draft }
}

/** The in-memory index, noting which files a query would have downloaded. */
function countingSource(index: SearchIndex, gzipBytes: ReadonlyMap<string, number>) {
  const inner = memorySource(index)
  const touched = new Set<string>()
  const source: SearchSource = {
    manifest: () => (touched.add(manifestFile()), inner.manifest()),
    chunk: (chunk, version) => (touched.add(chunkFile(chunk, version)), inner.chunk(chunk, version)),
    document: (id, version) => (touched.add(documentFile(id, version)), inner.document(id, version)),
  }
  return {
    source,
    takeBytes: () => {
      const bytes = [...touched].reduce((sum, name) => sum + (gzipBytes.get(name) ?? 0), 0)
      touched.clear()
      return bytes
    },
  }
}

/**
 * The site's own articles: real prose has a far larger vocabulary than the
 * generated corpus, so its per-article sizes are the ones to extrapolate from.
 */
function measureRealArticles(directory: string) {
  const files = fs.existsSync(directory) ? fs.readdirSync(directory).filter((name) => name.endsWith('.mdx')) : []
  const documents = files
    .map((name) => documentOf(path.join(directory, name)))
    .filter((file) => !file.draft)
    .map((file) => file.document)
  if (documents.length === 0) return null
  const index = buildSearchIndex(documents)
  const gzipBytes = new Map([...serializeSearchIndex(index)].map(([name, body]) => [name, gzipSync(body).length]))
  const total = (prefix: string) => [...gzipBytes].filter(([name]) => name.startsWith(prefix)).reduce((sum, [, bytes]) => sum + bytes, 0)
  const documentSizes = [...gzipBytes].filter(([name]) => name.startsWith('d')).map(([, bytes]) => bytes)
  const tokens = index.chunks.reduce((sum, chunk) => sum + Object.keys(chunk).length, 0)
  return {
    articles: documents.length,
    gzipBytesPerArticle: Math.round((total('t') + total('d')) / documents.length),
    postingsGzipBytesPerArticle: Math.round(total('t') / documents.length),
    documentGzipBytes: { median: median(documentSizes), max: Math.max(...documentSizes) },
    distinctTokens: tokens,
  }
}

async function bundleBrowserSearch(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(process.cwd(), 'lib/search/browser-search.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'searchBench',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

/** Serves the index gzipped, as the site does, and counts the bytes each request sends. */
function serveIndex(files: ReadonlyMap<string, Buffer>, code: string, port: number) {
  const sent: { path: string; bytes: number }[] = []
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      response.end(`<!doctype html><meta charset="utf-8"><title>search bench</title><script src="/search.js"></script>`)
      return
    }
    if (url.pathname === '/search.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' })
      response.end(code)
      return
    }
    const body = url.pathname.startsWith('/search-index/') ? files.get(url.pathname.slice('/search-index/'.length)) : undefined
    if (!body) {
      response.writeHead(404).end()
      return
    }
    sent.push({ path: url.pathname, bytes: body.length })
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Encoding': 'gzip', 'Content-Length': body.length })
    response.end(body)
  })
  return {
    sent,
    listen: () => new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

type BenchWindow = { searchBench: typeof import('@/lib/search/browser-search') }

async function measureInChromium(files: ReadonlyMap<string, Buffer>, code: string, port: number) {
  const server = serveIndex(files, code, port)
  await server.listen()
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  })
  const origin = `http://127.0.0.1:${port}`
  // Also the time spent waiting for index files (first request start to last response end).
  const timed = (query: string) => `(async () => {
      performance.clearResourceTimings()
      const start = performance.now()
      const r = await window.searchBench.searchInBrowser(${JSON.stringify(query)})
      const ms = performance.now() - start
      const files = performance.getEntriesByType('resource')
      const networkMs = files.length ? Math.max(...files.map((f) => f.responseEnd)) - Math.min(...files.map((f) => f.startTime)) : 0
      return { ms, total: r.total, networkMs }
    })()`
  try {
    const queries: FirstQuery[] = []
    for (const query of QUERIES) {
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.goto(origin)
      server.sent.length = 0
      const { ms, total } = await page.evaluate<{ ms: number; total: number }>(timed(query))
      queries.push({ query, results: total, requests: server.sent.length, gzipBytes: server.sent.reduce((sum, s) => sum + s.bytes, 0), ms: round(ms) })
      await context.close()
    }

    // After the first load: one page, manifest already there, each query new to it.
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(origin)
    await page.evaluate(timed('概率'))
    const fresh: number[] = []
    const freshNetwork: number[] = []
    const repeat: number[] = []
    for (const query of QUERIES) {
      const { ms, networkMs } = await page.evaluate<{ ms: number; networkMs: number }>(timed(query))
      fresh.push(ms)
      freshNetwork.push(networkMs)
    }
    for (let round = 0; round < 5; round++) for (const query of QUERIES) repeat.push((await page.evaluate<{ ms: number }>(timed(query))).ms)
    await context.close()
    return { queries, browserNewQueryMs: median(fresh), browserNewQueryNetworkMs: median(freshNetwork), browserRepeatQueryMs: median(repeat) }
  } finally {
    await browser.close()
    await server.close()
  }
}

export async function benchSearch(options: SearchBenchOptions = {}): Promise<SearchBenchResult> {
  const articles = options.articles ?? 1000
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-search-'))
  try {
    const documents = generateCorpus(path.join(directory, 'posts'), { articles }).map((file) => documentOf(file).document)
    const started = performance.now()
    const index = buildSearchIndex(documents)
    const serialized = serializeSearchIndex(index)
    const buildMs = performance.now() - started

    const gzipped = new Map<string, Buffer>()
    const out = path.join(directory, 'search-index')
    fs.mkdirSync(out)
    let bytes = 0
    for (const [name, body] of serialized) {
      fs.writeFileSync(path.join(out, name), body)
      bytes += Buffer.byteLength(body)
      gzipped.set(name, gzipSync(body))
    }
    const sizes = (prefix: string) => [...gzipped].filter(([name]) => name.startsWith(prefix)).map(([, body]) => body.length)
    const chunkSizes = sizes('t')
    const documentSizes = sizes('d')

    const counting = countingSource(index, new Map([...gzipped].map(([name, body]) => [name, body.length])))
    const nodeFirstBytes: number[] = []
    for (const query of QUERIES) {
      await search(counting.source, query)
      nodeFirstBytes.push(counting.takeBytes())
    }
    const source = memorySource(index)
    const nodeTimes: number[] = []
    for (let round = 0; round < 5; round++) {
      for (const query of QUERIES) {
        const start = performance.now()
        await search(source, query)
        nodeTimes.push(performance.now() - start)
      }
    }

    const code = await bundleBrowserSearch()
    const browser = options.nodeOnly ? null : await measureInChromium(gzipped, code, options.port ?? 3410)
    // Without a browser, the files the same queries touch in Node.
    const firstBytes = browser?.queries.map((q) => q.gzipBytes) ?? nodeFirstBytes
    return {
      articles,
      buildMs: Math.round(buildMs),
      index: {
        files: serialized.size,
        chunks: index.manifest.chunks,
        bytes,
        gzipBytes: [...gzipped.values()].reduce((sum, body) => sum + body.length, 0),
        manifestGzipBytes: gzipped.get('manifest.json')!.length,
        chunkGzipBytes: { median: median(chunkSizes), max: Math.max(...chunkSizes) },
        documentGzipBytes: { median: median(documentSizes), max: Math.max(...documentSizes) },
      },
      codeGzipBytes: gzipSync(code).length,
      firstQuery: { queries: browser?.queries ?? null, medianGzipBytes: median(firstBytes), maxGzipBytes: Math.max(...firstBytes) },
      latency: {
        browserNewQueryMs: browser ? round(browser.browserNewQueryMs) : null,
        browserNewQueryNetworkMs: browser ? round(browser.browserNewQueryNetworkMs) : null,
        browserRepeatQueryMs: browser ? round(browser.browserRepeatQueryMs) : null,
        nodeMs: round(median(nodeTimes)),
      },
      realArticles: measureRealArticles(path.join(process.cwd(), 'content', 'posts')),
    }
  } finally {
    fs.rmSync(directory, { recursive: true, force: true })
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export function printSearchBench(result: SearchBenchResult): void {
  const rows: [string, string, string][] = [
    ['articles', String(result.articles), ''],
    ['index build', `${result.buildMs} ms`, ''],
    ['index size', `${kb(result.index.bytes)} (${kb(result.index.gzipBytes)} gzip)`, `${result.index.files} files, ${result.index.chunks} token chunks`],
    ['token chunk (gzip)', `median ${kb(result.index.chunkGzipBytes.median)}, max ${kb(result.index.chunkGzipBytes.max)}`, ''],
    ['document (gzip)', `median ${kb(result.index.documentGzipBytes.median)}, max ${kb(result.index.documentGzipBytes.max)}`, ''],
    ['manifest (gzip)', kb(result.index.manifestGzipBytes), ''],
    ['search code (gzip)', kb(result.codeGzipBytes), 'loaded on /search or when typing in the header'],
  ]
  {
    rows.push([
      result.firstQuery.queries ? 'first query download' : 'first query download (Node)',
      `median ${kb(result.firstQuery.medianGzipBytes)}, max ${kb(result.firstQuery.maxGzipBytes)}`,
      `target ≤ 300 KB: ${result.firstQuery.maxGzipBytes <= 300 * 1024 ? 'met' : 'MISSED'}`,
    ])
  }
  if (result.latency.browserNewQueryMs !== null) {
    const computeMs = round(result.latency.browserNewQueryMs - result.latency.browserNewQueryNetworkMs!)
    rows.push(['query, new (Chromium)', `${result.latency.browserNewQueryMs} ms`, `of which ${result.latency.browserNewQueryNetworkMs} ms waiting for its files; ${computeMs} ms in the page, target ≤ 30 ms: ${computeMs <= 30 ? 'met' : 'MISSED'}`])
    rows.push(['query, repeated (Chromium)', `${result.latency.browserRepeatQueryMs} ms`, `files cached: ranking and snippets, target ≤ 30 ms: ${result.latency.browserRepeatQueryMs! <= 30 ? 'met' : 'MISSED'}`])
  }
  rows.push(['query (Node, in memory)', `${result.latency.nodeMs} ms`, ''])
  const width = Math.max(...rows.map(([name]) => name.length))
  console.log(`\nSearch benchmark (${result.articles} generated articles)`)
  for (const [name, value, note] of rows) console.log(`  ${name.padEnd(width)}  ${value}${note ? `   ${note}` : ''}`)
  if (result.realArticles) {
    const real = result.realArticles
    console.log(
      `\n  content/posts (${real.articles} real articles): ${kb(real.gzipBytesPerArticle)} gzip per article (postings ${kb(real.postingsGzipBytesPerArticle)}), ` +
        `document median ${kb(real.documentGzipBytes.median)}, max ${kb(real.documentGzipBytes.max)}; ${real.distinctTokens} distinct tokens`,
    )
  }
  if (result.firstQuery.queries) {
    console.log('\n  first queries in a fresh browser:')
    for (const q of result.firstQuery.queries) {
      console.log(`    ${q.query.padEnd(12)} ${String(q.results).padStart(5)} results  ${String(q.requests).padStart(3)} requests  ${kb(q.gzipBytes).padStart(9)}  ${q.ms} ms`)
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
  const result = await benchSearch({
    articles: Number(arg('articles') ?? 1000),
    nodeOnly: process.argv.includes('--node-only'),
    port: arg('port') ? Number(arg('port')) : undefined,
  })
  printSearchBench(result)
  console.log(`\n${JSON.stringify(result)}`)
}
