import zlib from 'node:zlib'
import type { Browser } from 'playwright-core'
import { kb, printTable } from './lib/format'
import { launchChromium } from './lib/browser'
import { ensureBlankApp, ensureSiteBuild, startBlankApp, startSite, type RunningServer } from './lib/servers'

/**
 * What a first visit downloads, by type (HTML, CSS, JS, fonts, other), raw and
 * gzip, with the request count; our article's JavaScript compared with a blank
 * page of a blank Next.js app of the same version.
 */

export interface Weight {
  requests: number
  byType: Record<string, { count: number; raw: number; gzip: number }>
}

export interface PageWeightResult {
  home: Weight
  article: Weight
  blank: Weight
  /** Article JS gzip minus blank JS gzip, in bytes: target ≤ 25 KB. */
  articleJsOverBlankGzip: number
  /** Our CSS gzip: target ≤ 30 KB. */
  cssGzip: number
}

const TYPE: Record<string, string> = { document: 'html', stylesheet: 'css', script: 'js', font: 'font' }

async function weigh(browser: Browser, url: string): Promise<Weight> {
  const page = await browser.newPage()
  const byType: Weight['byType'] = {}
  let requests = 0
  const pending: Promise<void>[] = []
  page.on('response', (response) => {
    // A body that never completes (a redirect, an aborted prefetch) must not hang the benchmark.
    const body = Promise.race([response.body(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 10_000))])
    pending.push(
      body
        .then((body) => {
          requests++
          const type = TYPE[response.request().resourceType()] ?? 'other'
          byType[type] ??= { count: 0, raw: 0, gzip: 0 }
          byType[type].count++
          byType[type].raw += body.length
          // Gzip measured the same way for every file, whatever the server sent.
          byType[type].gzip += zlib.gzipSync(body, { level: 6 }).length
        })
        .catch(() => undefined),
    )
  })
  await page.goto(url, { waitUntil: 'load' })
  await page.waitForTimeout(2000)
  await Promise.all(pending)
  await page.close()
  return { requests, byType }
}

export async function benchPageWeight(options: { slug: string }): Promise<PageWeightResult> {
  ensureSiteBuild()
  ensureBlankApp()
  const servers: RunningServer[] = []
  const browser = await launchChromium()
  try {
    const site = await startSite(3811)
    servers.push(site)
    const blank = await startBlankApp(3812)
    servers.push(blank)
    const home = await weigh(browser, `${site.url}/`)
    const article = await weigh(browser, `${site.url}/archives/${options.slug}`)
    const blankWeight = await weigh(browser, `${blank.url}/`)
    return {
      home,
      article,
      blank: blankWeight,
      articleJsOverBlankGzip: (article.byType.js?.gzip ?? 0) - (blankWeight.byType.js?.gzip ?? 0),
      cssGzip: article.byType.css?.gzip ?? 0,
    }
  } finally {
    await browser.close()
    for (const server of servers.reverse()) await server.stop()
  }
}

export function printPageWeight(result: PageWeightResult): void {
  const rows: (string | number)[][] = [['page', 'requests', 'HTML KB (gz)', 'CSS KB (gz)', 'JS KB (gz)', 'font KB', 'other KB (gz)']]
  for (const [name, weight] of [['home', result.home], ['article', result.article], ['blank Next.js page', result.blank]] as const) {
    const cell = (type: string) => {
      const t = weight.byType[type]
      return t ? `${kb(t.raw)} (${kb(t.gzip)})` : '0'
    }
    rows.push([name, weight.requests, cell('html'), cell('css'), cell('js'), weight.byType.font ? kb(weight.byType.font.raw) : 0, cell('other')])
  }
  printTable('Page weight (first visit)', rows)
  console.log(`  article JS over blank: ${kb(result.articleJsOverBlankGzip)} KB gzip (target ≤ 25)   CSS: ${kb(result.cssGzip)} KB gzip (target ≤ 30)`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printPageWeight(await benchPageWeight({ slug: 'rope-from-complex-numbers' }))
}
