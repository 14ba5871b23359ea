import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import fs from 'node:fs'
import path from 'node:path'
import { printTable } from './lib/format'
import { BENCH_SITE_URL, ensureBlankApp, ensureSiteBuild, startBlankApp, startSite } from './lib/servers'

/**
 * Lighthouse (mobile profile: Moto G Power emulation, simulated slow 4G and
 * CPU ×4) on home and an article. Targets: performance ≥ 95, accessibility
 * 100, best practices ≥ 95, SEO 100. The site is served at the origin its
 * build was made for, so canonical URLs are what a crawler would see.
 */

export interface LighthouseScores {
  performance: number
  accessibility: number
  bestPractices: number
  seo: number
  /** Largest contentful paint, total blocking time and layout shift, for the breakdown. */
  lcpMs: number
  tbtMs: number
  cls: number
  failedAudits: string[]
  /** Performance of every run; the other figures are those of the median run. */
  performanceRuns?: number[]
}

export interface LighthouseResult {
  home: LighthouseScores
  article: LighthouseScores
  /** A blank page of a blank Next.js app, same run: the framework's own floor for TBT. */
  blank: LighthouseScores
}

const BLANK_PORT = 3822
const reportDirectory = path.join(process.cwd(), 'bench', 'results')

/** Lighthouse scores swing by several points between runs, even on an idle machine: the median of five. */
const RUNS = 5

async function audit(url: string, port: number): Promise<LighthouseScores> {
  const runs: LighthouseScores[] = []
  for (let i = 0; i < RUNS; i++) runs.push(await auditOnce(url, port, i === RUNS - 1))
  const median = [...runs].sort((a, b) => a.performance - b.performance)[Math.floor(RUNS / 2)]!
  return { ...median, performanceRuns: runs.map((run) => run.performance) }
}

async function auditOnce(url: string, port: number, keepReport: boolean): Promise<LighthouseScores> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
  })
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`)
  // The full report of the last run, to read which elements and scripts an audit points at.
  const name = new URL(url).port === String(BLANK_PORT) ? 'blank' : new URL(url).pathname === '/' ? 'home' : 'article'
  if (keepReport) {
    fs.mkdirSync(reportDirectory, { recursive: true })
    fs.writeFileSync(path.join(reportDirectory, `lighthouse-${name}.json`), JSON.stringify(result.lhr))
  }
  const { categories, audits } = result.lhr
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100)
  const failed = Object.values(audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
    .map((a) => `${a.id} (${Math.round((a.score ?? 0) * 100)})`)
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    lcpMs: Math.round(audits['largest-contentful-paint']?.numericValue ?? 0),
    tbtMs: Math.round(audits['total-blocking-time']?.numericValue ?? 0),
    cls: Number((audits['cumulative-layout-shift']?.numericValue ?? 0).toFixed(3)),
    failedAudits: failed,
  }
}

export async function benchLighthouse(options: { slug: string }): Promise<LighthouseResult> {
  const chromePath = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  // chrome-launcher reports a missing browser as an unhandled event that kills the process.
  if (!fs.existsSync(chromePath)) throw new Error(`No browser at ${chromePath}: apt-get install chromium, or set CHROMIUM_PATH`)
  ensureSiteBuild()
  ensureBlankApp()
  const port = Number(new URL(BENCH_SITE_URL).port)
  const site = await startSite(port)
  const blankApp = await startBlankApp(BLANK_PORT)
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
  })
  try {
    const home = await audit(`${site.url}/`, chrome.port)
    const article = await audit(`${site.url}/archives/${options.slug}`, chrome.port)
    const blank = await audit(`${blankApp.url}/`, chrome.port)
    return { home, article, blank }
  } finally {
    await chrome.kill()
    await site.stop()
    await blankApp.stop()
  }
}

export function printLighthouse(result: LighthouseResult): void {
  const row = (name: string, s: LighthouseScores) => [name, s.performance, s.performanceRuns?.join(' / ') ?? '', s.accessibility, s.bestPractices, s.seo, s.lcpMs, s.tbtMs, s.cls]
  printTable('Lighthouse, mobile (targets: ≥95, 100, ≥95, 100)', [
    ['page', 'perf (median)', 'perf runs', 'a11y', 'best practices', 'SEO', 'LCP ms', 'TBT ms', 'CLS'],
    row('home', result.home),
    row('article', result.article),
    row('blank Next.js page', result.blank),
  ])
  for (const [name, scores] of [['home', result.home], ['article', result.article]] as const) {
    if (scores.failedAudits.length > 0) console.log(`  ${name}: audits below 90: ${scores.failedAudits.join(', ')}`)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printLighthouse(await benchLighthouse({ slug: 'rope-from-complex-numbers' }))
}
