import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { compilePost } from '@/lib/content/compile/compile-post.server'
import { parseFrontMatter } from '@/lib/content/front-matter'
import { parseMacroFile } from '@/lib/math/macros'
import { fontsUsedBy, katexFontUrl, KATEX_BASE, KATEX_STYLESHEET } from '@/lib/math/katex-assets'
import { renderMdxToHtml } from '@/lib/content/compile/mdx-to-html'
import { generateCorpus } from './corpus/generate-corpus'
import { formulasOf } from './lib/formulas'
import { launchChromium } from './lib/browser'
import { median, printTable } from './lib/format'
import { serveDirectory } from './lib/static-server'

/**
 * How long a math-heavy article (20 display, 80 inline formulas) takes to be
 * laid out with its styles and fonts in Chromium with a phone-like CPU (×4
 * throttling): our prerendered KaTeX HTML against the same article typeset in the
 * browser by MathJax 3, as our predecessor site did. Same text, same CSS, no
 * framework JavaScript on either page, so only the math differs.
 */

export interface MathRenderResult {
  runs: number
  oursMs: number
  mathjaxMs: number
  /** Target ≤ 0.3. */
  ratio: number
  oursHtmlBytes: number
  screenshots: { ours: string; mathjax: string }
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function mathjaxMacros(macros: Record<string, string>): Record<string, string | [string, number]> {
  return Object.fromEntries(
    Object.entries(macros).map(([name, body]) => {
      const args = Math.max(0, ...[...body.matchAll(/#(\d)/g)].map((m) => Number(m[1])))
      return [name.slice(1), args ? [body, args] : body]
    }),
  )
}

async function timeToLayout(page: Page, url: string, ready: string): Promise<number> {
  const session = await page.context().newCDPSession(page)
  await session.send('Network.setCacheDisabled', { cacheDisabled: true })
  await session.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  await page.goto(url, { waitUntil: 'load' })
  // Milliseconds from navigation start until math is typeset, fonts are in, and layout is done.
  return page.evaluate(async (readyExpression) => {
    await (0, eval)(readyExpression)
    await document.fonts.ready
    document.body.getBoundingClientRect()
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)))
    return performance.now()
  }, ready)
}

export async function benchMathRender(options: { runs?: number } = {}): Promise<MathRenderResult> {
  const runs = options.runs ?? 5
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-math-'))
  try {
    const [file] = generateCorpus(path.join(work, 'posts'), { articles: 1, seed: 11, displayFormulas: 20, inlineFormulas: 80 })
    const source = fs.readFileSync(file!, 'utf8')
    const macros = parseMacroFile(fs.readFileSync('content/macros.tex', 'utf8'))
    const post = { slug: 'bench-0000', file: file!, source, frontMatter: parseFrontMatter(file!, source) }
    const compiled = await compilePost(post, { knownSlugs: new Set([post.slug]), sharedMacros: macros })
    if (compiled.problems.length > 0) throw new Error(compiled.problems[0]!.message)

    const site = path.join(work, 'site')
    fs.mkdirSync(path.join(site, 'fonts'), { recursive: true })
    // Our CSS as the build emits it.
    const cssFile = fs.readdirSync('.next/static/chunks').filter((name) => name.endsWith('.css')).map((name) => path.join('.next/static/chunks', name))
    fs.writeFileSync(path.join(site, 'site.css'), cssFile.map((f) => fs.readFileSync(f, 'utf8')).join('\n'))
    // KaTeX's stylesheet and fonts at the paths the site serves them from.
    const katexDist = path.resolve('node_modules/katex/dist')
    fs.mkdirSync(path.join(site, KATEX_BASE), { recursive: true })
    fs.copyFileSync(path.join(katexDist, 'katex.min.css'), path.join(site, KATEX_STYLESHEET))
    fs.cpSync(path.join(katexDist, 'fonts'), path.join(site, KATEX_BASE, 'fonts'), { recursive: true })
    fs.symlinkSync(path.resolve('node_modules/mathjax/es5'), path.join(site, 'mathjax'))

    const shell = (head: string, body: string) =>
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<link rel="stylesheet" href="/site.css">${head}</head><body><div class="site-frame"><main class="site-main"><article><h1>${escapeHtml(
        post.frontMatter.title,
      )}</h1><div class="prose">${body}</div></article></main></div></body></html>`

    const ours = compiled.html
    fs.writeFileSync(
      path.join(site, 'ours.html'),
      shell(
        `<link rel="stylesheet" href="${KATEX_STYLESHEET}">` +
          fontsUsedBy(compiled.math).map((font) => `<link rel="preload" href="${katexFontUrl(font)}" as="font" type="font/woff2" crossorigin>`).join(''),
        ours,
      ),
    )
    const tex = formulasOf(source).map(({ tex: t, display }) => escapeHtml(display ? `$$${t}$$` : `$${t}$`))
    const config = {
      tex: { inlineMath: [['$', '$']], displayMath: [['$$', '$$']], tags: 'ams', macros: mathjaxMacros(macros) },
      chtml: { fontURL: '/mathjax/output/chtml/fonts/woff-v2' },
    }
    fs.writeFileSync(
      path.join(site, 'mathjax.html'),
      shell(
        `<script>window.MathJax = ${JSON.stringify(config)}</script><script src="/mathjax/tex-chtml.js" async></script>`,
        renderMdxToHtml(compiled.code, tex),
      ),
    )

    const server = await serveDirectory(site, 3821)
    const browser = await launchChromium()
    const oursTimes: number[] = []
    const mathjaxTimes: number[] = []
    const screenshots = { ours: path.resolve('bench/results/math-ours.png'), mathjax: path.resolve('bench/results/math-mathjax.png') }
    try {
      for (let run = 0; run < runs; run++) {
        // Alternate the two so drifting machine load hits both alike.
        for (const which of ['ours', 'mathjax'] as const) {
          const page = await browser.newPage({ viewport: { width: 412, height: 915 } })
          const ms = await timeToLayout(
            page,
            `${server.url}/${which}.html`,
            which === 'ours' ? 'Promise.resolve()' : 'new Promise(r => { const w = () => window.MathJax?.startup?.promise ? window.MathJax.startup.promise.then(r) : setTimeout(w, 5); w() })',
          )
          ;(which === 'ours' ? oursTimes : mathjaxTimes).push(ms)
          if (run === 0) await page.screenshot({ path: screenshots[which], fullPage: false })
          await page.close()
        }
      }
    } finally {
      await browser.close()
      await server.close()
    }
    const oursMs = Math.round(median(oursTimes))
    const mathjaxMs = Math.round(median(mathjaxTimes))
    return { runs, oursMs, mathjaxMs, ratio: Number((oursMs / mathjaxMs).toFixed(2)), oursHtmlBytes: Buffer.byteLength(ours), screenshots }
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

export function printMathRender(result: MathRenderResult): void {
  printTable(`Math in the browser (20 display + 80 inline formulas, CPU ×4, median of ${result.runs})`, [
    ['renderer', 'ms to laid out'],
    ['ours: prerendered KaTeX HTML (+ hidden MathML), preloaded fonts', result.oursMs],
    ['MathJax 3 in the browser', result.mathjaxMs],
  ])
  console.log(`  ratio ${result.ratio} (target ≤ 0.3); screenshots: ${result.screenshots.ours}, ${result.screenshots.mathjax}`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printMathRender(await benchMathRender({ runs: process.argv.includes('--quick') ? 1 : 5 }))
}
