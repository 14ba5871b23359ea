import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { CorpusFormula, CorpusPage } from './build-corpus'
import { compareFormula, type Difference } from './compare'
import { measureFormulas, type FormulaMeasure } from './measure'

/**
 * The fidelity check: every formula of every article and of the torture list,
 * as we ship it (the prerendered article page, its CSS and fonts, in
 * Chromium), against KaTeX's own rendering of the same TeX (katex.min.css and
 * its fonts only), at a desktop and a phone width. It writes a report a
 * person can open: each formula next to its reference.
 */

export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 360, height: 740 },
] as const

export type Viewport = (typeof VIEWPORTS)[number]

export interface FormulaResult {
  id: string
  page: string
  viewport: string
  display: boolean
  differences: Difference[]
}

export interface FidelityRun {
  formulas: number
  results: FormulaResult[]
  mismatches: FormulaResult[]
  /** Largest difference seen in any glyph position, in px: what the tolerances are set against. */
  largestMarkDelta: number
  reportDir: string
}

const ORIGIN = 'http://fidelity.test'
const FORMULA_ROOTS = '.prose .math-display, .prose .math-inline'

function contentType(file: string): string {
  const extension = path.extname(file)
  return { '.css': 'text/css', '.woff2': 'font/woff2', '.html': 'text/html; charset=utf-8' }[extension] ?? 'application/octet-stream'
}

/** Serves the build's pages and assets, KaTeX's files, and the generated pages; no scripts run. */
async function serveSite(context: BrowserContext, generated: Map<string, string>) {
  const katexDist = path.resolve('node_modules/katex/dist')
  await context.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url())
    const pathname = decodeURIComponent(url.pathname)
    const page = generated.get(pathname)
    if (page !== undefined) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page })
    let file: string | null = null
    if (pathname.startsWith('/_next/static/') && pathname.endsWith('.css')) file = path.join('.next', pathname.slice('/_next'.length))
    const katex = /^\/katex\/[^/]+\/(katex\.min\.css|fonts\/KaTeX_[\w-]+\.woff2)$/.exec(pathname)
    if (katex) file = path.join(katexDist, katex[1]!)
    const article = /^\/archives\/([^/]+)$/.exec(pathname)
    if (article) file = path.join('.next', 'server', 'app', 'archives', `${article[1]}.html`)
    if (!file || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' })
    return route.fulfill({ status: 200, contentType: contentType(file), body: fs.readFileSync(file) })
  })
}

function referencePage(formulas: readonly CorpusFormula[], measures: Map<string, FormulaMeasure>): string {
  const containers = formulas
    .map((formula, index) => {
      const ours = measures.get(formula.id)
      const fontSize = ours?.fontSize ?? 17
      const width = ours?.display ? `width:${ours.container.width}px;` : ''
      const tag = formula.display ? 'div' : 'p'
      return `<${tag} class="ref" id="ref-${index}" style="${width}font-size:${fontSize}px">${formula.reference.join('')}</${tag}>`
    })
    .join('\n')
  // KaTeX's own stylesheet and nothing else; inline formulas on one line, as they are measured in ours.
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="stylesheet" href="/katex/x/katex.min.css"><style>body{margin:8px}.ref{margin:0 0 24px}p.ref{white-space:nowrap}</style></head><body>${containers}</body></html>`
}

// tsx (which runs `npm run math:report`) names functions with a helper the page lacks.
const NAME_HELPER = 'globalThis.__name = globalThis.__name || ((fn) => fn)'

async function measureOurs(page: Page, url: string, body: string | undefined, extraCss: string | undefined): Promise<{ shipped: FormulaMeasure[]; oneLine: FormulaMeasure[] }> {
  await page.goto(url, { waitUntil: 'load' })
  await page.evaluate(NAME_HELPER)
  await page.evaluate(
    ([html, css]) => {
      if (html !== null) document.querySelector('.prose')!.innerHTML = html
      if (css !== null) {
        const style = document.createElement('style')
        style.textContent = css
        document.head.append(style)
      }
    },
    [body ?? null, extraCss ?? null] as [string | null, string | null],
  )
  await page.evaluate(async () => {
    await document.fonts.ready
  })
  const shipped = await page.evaluate(measureFormulas, [FORMULA_ROOTS, true] as [string, boolean])
  // Inline formulas may break across lines, as KaTeX lets them; their own layout is compared on one line.
  await page.evaluate(() => {
    const style = document.createElement('style')
    style.textContent = '.prose .math-inline { white-space: nowrap !important }'
    document.head.append(style)
  })
  const oneLine = await page.evaluate(measureFormulas, [FORMULA_ROOTS, true] as [string, boolean])
  return { shipped, oneLine }
}

/** Anchors for the report: each formula in the page gets the id of its place in the corpus. */
async function anchorFormulas(page: Page, corpusIndexes: number[]) {
  await page.evaluate(
    ([selector, indexes]) => {
      const roots = [...document.querySelectorAll(selector)].filter((root) => !root.parentElement?.closest(selector))
      roots.forEach((root, position) => root.setAttribute('id', `fidelity-${indexes[position]}`))
    },
    [FORMULA_ROOTS, corpusIndexes] as [string, number[]],
  )
}

/** Pairs the formulas found in a page with the corpus, by the TeX each one carries. */
function pair(page: CorpusPage, found: FormulaMeasure[]): { byId: Map<string, FormulaMeasure>; order: string[]; problems: string[] } {
  const queues = new Map<string, CorpusFormula[]>()
  for (const formula of page.formulas) queues.set(formula.annotation, [...(queues.get(formula.annotation) ?? []), formula])
  const byId = new Map<string, FormulaMeasure>()
  const order: string[] = []
  const problems: string[] = []
  for (const measure of found) {
    const formula = queues.get(measure.annotation)?.shift()
    if (!formula) {
      problems.push(`a formula in the page is not in the corpus: ${measure.annotation.slice(0, 80)}`)
      continue
    }
    byId.set(formula.id, measure)
    order.push(formula.id)
  }
  for (const formula of page.formulas) if (!byId.has(formula.id)) problems.push(`${formula.id} is not in the page: ${formula.tex.slice(0, 80)}`)
  return { byId, order, problems }
}

function corpusFrom(file: string): CorpusPage[] {
  execFileSync(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'tests/math/fidelity/build-corpus.ts', file], { stdio: 'inherit' })
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CorpusPage[]
}

export interface FidelityOptions {
  reportDir: string
  /** Only these corpus pages (article slugs, or "torture"). */
  pages?: readonly string[]
  /** A stylesheet added to our pages: the test's negative control breaks the layout on purpose. */
  extraCss?: string
  /** Only these widths (default: all): the e2e suite checks each width in a test of its own, so two workers share the work. */
  viewports?: readonly Viewport[]
}

export async function runFidelity(browser: Browser, options: FidelityOptions): Promise<FidelityRun> {
  if (!fs.existsSync(path.join('.next', 'BUILD_ID'))) throw new Error('No production build: run `npm run build` first (the fidelity check measures the built pages).')
  fs.rmSync(options.reportDir, { recursive: true, force: true })
  fs.mkdirSync(path.join(options.reportDir, 'pages'), { recursive: true })
  const everything = corpusFrom(path.join(options.reportDir, 'corpus.json'))
  // The torture list is shown in an article's page, the first one's.
  const template = everything.find((page) => page.slug)!.slug!
  const corpus = everything.filter((page) => !options.pages || options.pages.includes(page.name))
  const generated = new Map<string, string>()
  const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false })
  await serveSite(context, generated)
  const viewports = options.viewports ?? VIEWPORTS
  const results: FormulaResult[] = []
  let largestMarkDelta = 0
  try {
    for (const viewport of viewports) {
      const page = await context.newPage()
      await page.setViewportSize({ width: viewport.width, height: viewport.height })
      for (const corpusPage of corpus) {
        const url = `${ORIGIN}/archives/${encodeURIComponent(corpusPage.slug ?? template)}`
        const ours = await measureOurs(page, url, corpusPage.body, options.extraCss)
        const shipped = pair(corpusPage, ours.shipped)
        const oneLine = pair(corpusPage, ours.oneLine)
        if (shipped.problems.length > 0) throw new Error(`${corpusPage.name}: ${shipped.problems.join('; ')}`)
        await anchorFormulas(page, shipped.order.map((id) => corpusPage.formulas.findIndex((formula) => formula.id === id)))
        const oursFile = `pages/${corpusPage.name}-${viewport.name}-ours.html`
        fs.writeFileSync(path.join(options.reportDir, oursFile), await page.content())

        const referencePath = `/reference/${corpusPage.name}`
        generated.set(referencePath, referencePage(corpusPage.formulas, shipped.byId))
        await page.goto(`${ORIGIN}${referencePath}`, { waitUntil: 'load' })
        await page.evaluate(NAME_HELPER)
        await page.evaluate(async () => {
          await document.fonts.ready
        })
        const referenceMeasures = await page.evaluate(measureFormulas, ['.ref', false] as [string, boolean])
        fs.writeFileSync(path.join(options.reportDir, `pages/${corpusPage.name}-${viewport.name}-reference.html`), await page.content())

        corpusPage.formulas.forEach((formula, index) => {
          const measured = shipped.byId.get(formula.id)!
          const layout = formula.display ? measured : oneLine.byId.get(formula.id)!
          const combined: FormulaMeasure = { ...layout, clipped: measured.clipped, offPage: measured.offPage, tagOverlaps: measured.tagOverlaps, scrolls: measured.scrolls }
          const reference = referenceMeasures[index]!
          const differences = compareFormula(combined, reference, { multline: formula.multline, layout: true })
          for (const [segmentIndex, segment] of combined.segments.entries()) {
            const other = reference.segments[segmentIndex]
            if (!segment.ink || !other?.ink || segment.marks.length !== other.marks.length) continue
            segment.marks.forEach((mark, markIndex) => {
              const peer = other.marks[markIndex]!
              const delta = Math.max(
                Math.abs(mark.box.x - segment.ink!.x - (peer.box.x - other.ink!.x)),
                Math.abs(mark.box.y - segment.ink!.y - (peer.box.y - other.ink!.y)),
              )
              if (mark.text === peer.text) largestMarkDelta = Math.max(largestMarkDelta, delta)
            })
          }
          results.push({ id: formula.id, page: corpusPage.name, viewport: viewport.name, display: formula.display, differences })
        })
      }
      await page.close()
    }
  } finally {
    await context.close()
  }
  const mismatches = results.filter((result) => result.differences.length > 0)
  writeReport(options.reportDir, corpus, results, viewports)
  return { formulas: corpus.reduce((sum, page) => sum + page.formulas.length, 0), results, mismatches, largestMarkDelta, reportDir: options.reportDir }
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** index.html: every formula with its status; choosing one shows ours and the reference side by side. */
function writeReport(dir: string, corpus: CorpusPage[], results: FormulaResult[], viewports: readonly Viewport[]) {
  // The saved pages point at /_next and /katex: give the report folder its own copies.
  for (const file of fs.readdirSync(path.join(dir, 'pages'))) {
    const full = path.join(dir, 'pages', file)
    fs.writeFileSync(full, fs.readFileSync(full, 'utf8').replace(/(href|src)="\/(_next|katex)\//g, '$1="../assets/$2/'))
  }
  const assets = path.join(dir, 'assets')
  fs.cpSync(path.join('.next', 'static'), path.join(assets, '_next', 'static'), { recursive: true, filter: (source) => !source.endsWith('.js') })
  for (const version of ['x', fs.readdirSync(path.join('.next', 'server', 'app', 'katex'))[0] ?? 'x']) {
    fs.mkdirSync(path.join(assets, 'katex', version, 'fonts'), { recursive: true })
    fs.copyFileSync('node_modules/katex/dist/katex.min.css', path.join(assets, 'katex', version, 'katex.min.css'))
    fs.cpSync('node_modules/katex/dist/fonts', path.join(assets, 'katex', version, 'fonts'), { recursive: true })
  }
  const rows = corpus.flatMap((page) =>
    page.formulas.map((formula, index) => {
      const own = results.filter((result) => result.id === formula.id)
      const bad = own.filter((result) => result.differences.length > 0)
      const details = bad.map((result) => `${result.viewport}: ${result.differences.map((d) => `${d.what} (${d.ours} / ${d.reference})`).join('; ')}`).join('<br>')
      return `<tr class="${bad.length ? 'bad' : 'ok'}" data-page="${escapeHtml(page.name)}" data-index="${index}"><td>${bad.length ? '✗' : '✓'}</td><td>${escapeHtml(formula.id)}</td><td><code>${escapeHtml(formula.tex.slice(0, 160))}</code></td><td>${details}</td></tr>`
    }),
  )
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Math fidelity report</title><style>
body{font:14px system-ui,sans-serif;margin:0;display:grid;grid-template-rows:auto 1fr;height:100vh}
header{padding:8px 12px;border-bottom:1px solid #ccc}
main{display:grid;grid-template-columns:minmax(300px,38%) 1fr;min-height:0}
#list{overflow:auto}table{border-collapse:collapse;width:100%}td{border-bottom:1px solid #eee;padding:3px 6px;vertical-align:top}
tr{cursor:pointer}tr.bad{background:#fde8e8}tr.selected{outline:2px solid #36c}code{font-size:12px;word-break:break-all}
#views{display:grid;grid-template-rows:auto 1fr;min-height:0}#frames{display:grid;grid-template-columns:1fr 1fr;min-height:0}
iframe{width:100%;height:100%;border:0;border-left:1px solid #ccc}</style></head><body>
<header><b>Math fidelity</b>: ${results.filter((r) => r.differences.length === 0).length} of ${results.length} checks agree with KaTeX.
Viewport <select id="viewport">${viewports.map((v) => `<option>${v.name}</option>`).join('')}</select>
<label><input type="checkbox" id="onlyBad"> only mismatches</label> · left: as the site ships it · right: KaTeX alone</header>
<main><div id="list"><table>${rows.join('')}</table></div><div id="views"><div id="caption"></div><div id="frames"><iframe id="ours" title="as shipped"></iframe><iframe id="reference" title="KaTeX reference"></iframe></div></div></main>
<script>
let current = null
function show(row) {
  document.querySelectorAll('tr.selected').forEach((r) => r.classList.remove('selected'))
  row.classList.add('selected'); current = row
  const page = row.dataset.page, index = Number(row.dataset.index), viewport = document.getElementById('viewport').value
  document.getElementById('ours').src = 'pages/' + page + '-' + viewport + '-ours.html#fidelity-' + index
  document.getElementById('reference').src = 'pages/' + page + '-' + viewport + '-reference.html#ref-' + index
  document.getElementById('caption').textContent = row.children[1].textContent
}
document.querySelectorAll('tr').forEach((row) => row.addEventListener('click', () => show(row)))
document.getElementById('viewport').addEventListener('change', () => current && show(current))
document.getElementById('onlyBad').addEventListener('change', (e) => document.querySelectorAll('tr.ok').forEach((r) => (r.hidden = e.target.checked)))
</script></body></html>`,
  )
}
