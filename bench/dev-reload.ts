import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { copySite } from './build'
import { launchChromium } from './lib/browser'
import { median, printTable } from './lib/format'

/**
 * `npm run dev` as an editor uses it, on a copy of this checkout: an article
 * open in Chromium, the file saved with a change, and the time until the page
 * shows it (target ≤ 2 s); then a broken reference saved, and the time until
 * the error overlay names the file and line; then the fix.
 */

export interface DevReloadResult {
  saves: number
  /** Save → new text on the open page, per save. */
  reloadMs: number[]
  medianMs: number
  maxMs: number
  /** Save of a broken article → the overlay shows "file:line". */
  overlayMs: number
  overlayText: string
  /** Save of the fix → the article is back. */
  recoveryMs: number
  firstPageMs: number
}

const SLUG = 'dev-reload-probe'
const FILE = path.join('content', 'posts', `${SLUG}.mdx`)
const source = (version: string, extra = '') =>
  `---\ntitle: 开发预览的探针\ndate: 2025-01-01\ncategory: 测试\n---\n\n正文第 ${version} 版：$\\eqref{eq:x}$ 引用下面的公式。\n\n$$\n\\begin{equation} x = ${version} \\label{eq:x} \\end{equation}\n$$\n${extra}`

async function waitForUrl(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      if ((await fetch(url)).status < 500) return
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

export async function benchDevReload(options: { saves?: number; port?: number } = {}): Promise<DevReloadResult> {
  const saves = options.saves ?? 5
  const port = options.port ?? 3511
  const work = path.join(process.cwd(), 'bench', '.work', 'site-dev')
  copySite(work, { withArticles: true })
  const file = path.join(work, FILE)
  fs.writeFileSync(file, source('v0'))
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dev-'))
  const server = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/dev.ts'], {
    cwd: work,
    env: { ...process.env, NODE_ENV: 'development', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), DATA_DIR: data, PGLITE_DIR: 'memory://', SITE_URL: `http://localhost:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const browser = await launchChromium()
  try {
    const url = `http://localhost:${port}/archives/${SLUG}`
    const started = Date.now()
    await waitForUrl(url, 300_000)
    const page = await browser.newPage()
    await page.goto(url)
    await page.getByText('正文第 v0 版').waitFor({ timeout: 120_000 })
    const firstPageMs = Date.now() - started

    const timeSave = async (content: string, shown: () => Promise<unknown>) => {
      const start = performance.now()
      fs.writeFileSync(file, content)
      await shown()
      return Math.round(performance.now() - start)
    }
    const reloadMs: number[] = []
    for (let i = 1; i <= saves; i++) {
      reloadMs.push(await timeSave(source(`v${i}`), () => page.getByText(`正文第 v${i} 版`).waitFor({ timeout: 30_000 })))
    }
    const overlay = () => page.evaluate(() => document.querySelector('nextjs-portal')?.shadowRoot?.textContent ?? '')
    const location = `${FILE}:13`
    const overlayMs = await timeSave(source('broken', '\n见 <Ref to="thm:none" />。\n'), () =>
      page.waitForFunction((where) => document.querySelector('nextjs-portal')?.shadowRoot?.textContent?.includes(where), location, { timeout: 30_000 }),
    )
    const overlayText = /content\/posts\/[\w-]+\.mdx:\d+: [^(]*/.exec(await overlay())?.[0]?.trim() ?? ''
    const recoveryMs = await timeSave(source('fixed'), () => page.getByText('正文第 fixed 版').waitFor({ timeout: 30_000 }))
    return { saves, reloadMs, medianMs: median(reloadMs), maxMs: Math.max(...reloadMs), overlayMs, overlayText, recoveryMs, firstPageMs }
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- npm run dev output ---\n${output.slice(-3000)}`)
  } finally {
    await browser.close()
    // The dev script, Next.js and its workers: the whole process group.
    try {
      process.kill(-server.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
    fs.rmSync(work, { recursive: true, force: true })
    fs.rmSync(data, { recursive: true, force: true })
  }
}

export function printDevReload(result: DevReloadResult): void {
  printTable('npm run dev: an article open in Chromium, its file saved', [
    ['step', 'ms', 'note'],
    ['first page (dev server start + compile)', result.firstPageMs, ''],
    ...result.reloadMs.map((ms, i) => [`save ${i + 1} → text on the page`, ms, '']),
    ['median save → page', result.medianMs, 'target ≤ 2000'],
    ['broken reference saved → overlay names file:line', result.overlayMs, result.overlayText],
    ['fix saved → article back', result.recoveryMs, ''],
  ])
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printDevReload(await benchDevReload())
}
