import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { benchBuild, printBuild } from './build'
import { printCommentsBench, runCommentsBench, type EngineFigures } from './comments'
import { benchContentCompile, printContentCompile } from './content-compile'
import { benchDevReload, printDevReload } from './dev-reload'
import { printTable } from './lib/format'
import { benchLighthouse, printLighthouse } from './lighthouse'
import { benchMathRender, printMathRender } from './math-render'
import { benchPageWeight, printPageWeight } from './page-weight'
import { benchSearch, printSearchBench } from './search'
import { benchServing, printServing } from './serving'

/**
 * `npm run bench`: every benchmark in one run, a summary of each figure against
 * its target, and the whole result in bench/results/latest.json.
 *
 *   npm run bench                        everything (about 20 minutes on 2 cores)
 *   npm run bench -- --quick             seconds: small inputs, no builds or browsers (CI smoke)
 *   npm run bench -- --only=serving,search
 *
 * A benchmark that throws is reported and the others still run; the exit code
 * is non-zero so CI notices a benchmark that rotted. Missed targets do not fail
 * the run: they are figures to read, not assertions.
 */

const SLUG = 'rope-from-complex-numbers'

interface Check {
  metric: string
  value: number | string
  target: string
  met: boolean | null
}

interface Section<R> {
  name: string
  /** Needs a production build, a browser or minutes: skipped by --quick. */
  heavy: boolean
  run: (quick: boolean) => Promise<R>
  print: (result: R) => void
  checks: (result: R) => Check[]
}

const section = <R>(s: Section<R>) => s as unknown as Section<unknown>

const sections: Section<unknown>[] = [
  section({
    name: 'content',
    heavy: false,
    run: (quick) => benchContentCompile({ articles: quick ? 3 : 200 }),
    print: printContentCompile,
    checks: (r) => [
      { metric: 'content compile, ms/article', value: r.compileMsPerArticle, target: '', met: null },
      // We ship KaTeX's HTML with its MathML: that is the output the compile is held to.
      { metric: 'compile ÷ KaTeX (HTML+MathML output, what we ship)', value: r.ratioToKatexDefaultOutput, target: '≤ 2', met: r.ratioToKatexDefaultOutput <= 2 },
      { metric: 'compile ÷ KaTeX (MathML output only)', value: r.ratio, target: '', met: null },
      { metric: 'unchanged article in a catalog rebuild, ms', value: r.warmCacheMsPerArticle, target: '', met: null },
    ],
  }),
  section({
    name: 'build',
    heavy: true,
    run: async () => benchBuild({ articles: 1000 }),
    print: printBuild,
    checks: (r) => [
      { metric: `cold build, ${r.articles} articles (s)`, value: r.coldSeconds, target: '≤ 300', met: r.coldSeconds <= 300 },
      { metric: 'rebuild after editing one article (s)', value: r.rebuildAfterEditSeconds, target: '≤ 60', met: r.rebuildAfterEditSeconds <= 60 },
    ],
  }),
  section({
    name: 'dev',
    heavy: true,
    run: () => benchDevReload(),
    print: printDevReload,
    checks: (r) => [
      { metric: 'npm run dev: save → page shows it (ms, median)', value: r.medianMs, target: '≤ 2000', met: r.medianMs <= 2000 },
      { metric: 'npm run dev: save → page shows it (ms, slowest)', value: r.maxMs, target: '', met: null },
      { metric: 'npm run dev: broken article → overlay with file:line (ms)', value: r.overlayMs, target: '≤ 2000', met: r.overlayMs <= 2000 },
    ],
  }),
  section({
    name: 'serving',
    heavy: true,
    run: (quick) => benchServing({ quick, slug: SLUG }),
    print: printServing,
    checks: (r) => [
      { metric: '(a) next start, article req/s', value: r.nextStart.requestsPerSecond, target: '', met: null },
      { metric: '(a) ÷ (b) blank Next.js page', value: r.nextVsBlank, target: '≥ 0.8', met: r.nextVsBlank >= 0.8 },
      { metric: '(a) ÷ (e) blank Next.js serving our article HTML', value: r.nextVsSameBytes, target: '', met: null },
      { metric: '(d) nginx front ÷ (c) nginx file', value: r.frontVsNginx, target: '≥ 0.8', met: r.frontVsNginx >= 0.8 },
    ],
  }),
  section({
    name: 'page-weight',
    heavy: true,
    run: () => benchPageWeight({ slug: SLUG }),
    print: printPageWeight,
    checks: (r) => [
      { metric: 'article JS over blank Next.js (KB gzip)', value: kbRound(r.articleJsOverBlankGzip), target: '≤ 25', met: r.articleJsOverBlankGzip <= 25 * 1024 },
      { metric: 'CSS (KB gzip)', value: kbRound(r.cssGzip), target: '≤ 30', met: r.cssGzip <= 30 * 1024 },
    ],
  }),
  section({
    name: 'math',
    heavy: true,
    run: (quick) => benchMathRender({ runs: quick ? 1 : 5 }),
    print: printMathRender,
    checks: (r) => [{ metric: 'math laid out, ours ÷ MathJax 3 (CPU ×4)', value: r.ratio, target: '≤ 0.3', met: r.ratio <= 0.3 }],
  }),
  section({
    name: 'lighthouse',
    heavy: true,
    run: () => benchLighthouse({ slug: SLUG }),
    print: printLighthouse,
    checks: (r) =>
      (['home', 'article'] as const).flatMap((page) => [
        { metric: `Lighthouse ${page}: performance`, value: r[page].performance, target: '≥ 95', met: r[page].performance >= 95 },
        { metric: `Lighthouse ${page}: accessibility`, value: r[page].accessibility, target: '100', met: r[page].accessibility === 100 },
        { metric: `Lighthouse ${page}: best practices`, value: r[page].bestPractices, target: '≥ 95', met: r[page].bestPractices >= 95 },
        { metric: `Lighthouse ${page}: SEO`, value: r[page].seo, target: '100', met: r[page].seo === 100 },
      ]),
  }),
  section({
    name: 'comments',
    heavy: false,
    // --quick stays on PGlite so the CI smoke run needs no server of its own.
    run: (quick) => runCommentsBench(quick ? { quick, postgresUrl: null } : {}),
    print: printCommentsBench,
    checks: (r) => {
      const engines = [r.pglite, r.postgres].filter((e): e is EngineFigures => 'engine' in e)
      return engines.flatMap((e) => [
        { metric: `comments (${e.engine}): first page of ${e.seed.comments} (ms, median)`, value: e.firstPage.medianMs, target: '≤ 100', met: e.firstPage.medianMs <= 100 },
        { metric: `comments (${e.engine}): first page uses indexes`, value: String(e.firstPage.indexesUsed.topLevel && e.firstPage.indexesUsed.replies), target: 'true', met: e.firstPage.indexesUsed.topLevel && e.firstPage.indexesUsed.replies },
        { metric: `comments (${e.engine}): ${e.concurrentPosts.posts} concurrent posts p50 / p99 (ms)`, value: `${e.concurrentPosts.p50Ms} / ${e.concurrentPosts.p99Ms}`, target: '', met: null },
        { metric: `comments (${e.engine}): lost + duplicated`, value: e.concurrentPosts.lost + e.concurrentPosts.duplicated, target: '0', met: e.concurrentPosts.lost + e.concurrentPosts.duplicated === 0 },
      ])
    },
  }),
  section({
    name: 'search',
    heavy: false,
    run: (quick) => benchSearch({ articles: quick ? 20 : 1000, nodeOnly: quick }),
    print: printSearchBench,
    checks: (r) => [
      {
        metric: 'search: first query download (KB gzip, max)',
        value: kbRound(r.firstQuery.maxGzipBytes),
        target: '≤ 300',
        met: r.firstQuery.maxGzipBytes <= 300 * 1024,
      },
      r.latency.browserRepeatQueryMs === null
        ? { metric: 'search: query in Node (ms)', value: r.latency.nodeMs, target: '≤ 30', met: r.latency.nodeMs <= 30 }
        : { metric: 'search: query in the browser after first load (ms)', value: r.latency.browserRepeatQueryMs, target: '≤ 30', met: r.latency.browserRepeatQueryMs <= 30 },
      { metric: 'search: index size (KB gzip)', value: kbRound(r.index.gzipBytes), target: '', met: null },
    ],
  }),
]

function kbRound(bytes: number): number {
  return Math.round(bytes / 102.4) / 10
}

function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
  }
}

/** The summary as a Markdown table, to paste into bench/README.md. */
function markdownSummary(report: { date: string; seconds: number; machine: ReturnType<typeof machine>; checks: Check[] }): string {
  const m = report.machine
  const lines = [
    `Run ${report.date.slice(0, 16).replace('T', ' ')} UTC, ${report.seconds} s; ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, load average at the end ${m.loadAverage.join(' / ')}.`,
    '',
    '| figure | value | target | |',
    '| --- | ---: | --- | --- |',
    ...report.checks.map((c) => `| ${c.metric} | ${c.value} | ${c.target} | ${c.met === null ? '' : c.met ? 'met' : '**missed**'} |`),
  ]
  return `${lines.join('\n')}\n`
}

async function main(): Promise<number> {
  const quick = process.argv.includes('--quick')
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',')
  const unknown = only?.filter((name) => !sections.some((s) => s.name === name)) ?? []
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(', ')}; known: ${sections.map((s) => s.name).join(', ')}`)
    return 2
  }

  const started = Date.now()
  const results: Record<string, unknown> = {}
  const errors: Record<string, string> = {}
  const skipped: string[] = []
  const checks: Check[] = []
  for (const s of sections) {
    if (only && !only.includes(s.name)) continue
    if (quick && s.heavy) {
      skipped.push(s.name)
      continue
    }
    const sectionStarted = Date.now()
    console.log(`\n▶ ${s.name}`)
    try {
      const result = await s.run(quick)
      results[s.name] = result
      s.print(result)
      checks.push(...s.checks(result))
      console.log(`  (${Math.round((Date.now() - sectionStarted) / 1000)} s)`)
    } catch (error) {
      errors[s.name] = error instanceof Error ? (error.stack ?? error.message) : String(error)
      console.error(`  ✗ ${s.name} failed: ${errors[s.name]}`)
    }
  }

  printTable(`Summary${quick ? ' (--quick: small inputs; not the figures to quote)' : ''}`, [
    ['figure', 'value', 'target', ''],
    ...checks.map((c) => [c.metric, c.value, c.target, c.met === null ? '' : c.met ? 'met' : 'MISSED']),
  ])
  if (skipped.length > 0) console.log(`  skipped in --quick: ${skipped.join(', ')}`)
  for (const name of Object.keys(errors)) console.log(`  FAILED: ${name}`)

  const report = {
    date: new Date().toISOString(),
    quick,
    seconds: Math.round((Date.now() - started) / 1000),
    machine: machine(),
    checks,
    results,
    errors,
    skipped,
  }
  const out = path.join(process.cwd(), 'bench', 'results', quick ? 'quick.json' : 'latest.json')
  // A partial run (--only) must not overwrite the full record with a fragment.
  const file = only && !quick ? out.replace('latest.json', `partial-${only.join('-')}.json`) : out
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  fs.writeFileSync(file.replace(/\.json$/, '.md'), markdownSummary(report))
  console.log(`\nWrote ${path.relative(process.cwd(), file)} (${report.seconds} s)`)
  return Object.keys(errors).length > 0 ? 1 : 0
}

process.exitCode = await main()
