import autocannon from 'autocannon'
import path from 'node:path'
import { printTable } from './lib/format'
import { BLANK_SAME_BYTES_PATH, ensureBlankApp, ensureSiteBuild, startBlankApp, startNginxFile, startNginxFront, startSite, useSameBytesPage, type RunningServer } from './lib/servers'

/**
 * Requests per second and latency for one article page under 50 concurrent
 * connections, four ways in one run: (a) `next start` alone, (b) a blank page
 * of a blank Next.js app (the framework's ceiling), (c) nginx serving the same
 * prerendered HTML file (the machine's ceiling), (d) our production front
 * (deploy/nginx.conf) in front of (a). And (e): the blank app serving our
 * article's exact HTML as its own prerendered page, which separates what these
 * bytes cost the framework from what our code and configuration cost.
 */

export interface ServingFigures {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  errors: number
  non2xx: number
}

export interface ServingResult {
  page: string
  nextStart: ServingFigures
  blankNext: ServingFigures
  nginxFile: ServingFigures
  nginxFront: ServingFigures
  blankNextSameBytes: ServingFigures
  /** HTML bytes of the article page (and of (e), which serves the same file). */
  pageBytes: number
  /** (a) / (b): target ≥ 0.8. */
  nextVsBlank: number
  /** (a) / (e): our code's cost over the framework's for these bytes. */
  nextVsSameBytes: number
  /** (d) / (c): target ≥ 0.8. */
  frontVsNginx: number
}

async function measure(url: string, seconds: number): Promise<ServingFigures> {
  await autocannon({ url, connections: 50, duration: Math.max(1, Math.round(seconds / 4)) }) // warm-up
  const result = await autocannon({ url, connections: 50, duration: seconds })
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }
}

export async function benchServing(options: { quick?: boolean; slug: string }): Promise<ServingResult> {
  const seconds = options.quick ? 2 : 10
  ensureSiteBuild()
  ensureBlankApp()
  const page = `/archives/${options.slug}`
  const articleFile = path.join(process.cwd(), '.next', 'server', 'app', 'archives', `${options.slug}.html`)
  useSameBytesPage(articleFile)
  const servers: RunningServer[] = []
  try {
    const site = await startSite(3801)
    servers.push(site)
    const blank = await startBlankApp(3802)
    servers.push(blank)
    const nginxFile = await startNginxFile(3803, articleFile)
    servers.push(nginxFile)
    const front = await startNginxFront(3804, 3801)
    servers.push(front)

    const nextStart = await measure(`${site.url}${page}`, seconds)
    const blankNext = await measure(`${blank.url}/`, seconds)
    const nginxFigures = await measure(`${nginxFile.url}/`, seconds)
    const frontFigures = await measure(`${front.url}${page}`, seconds)
    const sameBytes = await measure(`${blank.url}${BLANK_SAME_BYTES_PATH}`, seconds)
    const bytes = async (url: string) => (await (await fetch(url)).arrayBuffer()).byteLength
    const pageBytes = await bytes(`${site.url}${page}`)
    // (e) means nothing unless the blank app really served our file.
    if ((await bytes(`${blank.url}${BLANK_SAME_BYTES_PATH}`)) !== pageBytes) throw new Error('(e): the blank app did not serve the article HTML')
    return {
      page,
      nextStart,
      blankNext,
      nginxFile: nginxFigures,
      nginxFront: frontFigures,
      blankNextSameBytes: sameBytes,
      pageBytes,
      nextVsSameBytes: Number((nextStart.requestsPerSecond / sameBytes.requestsPerSecond).toFixed(2)),
      nextVsBlank: Number((nextStart.requestsPerSecond / blankNext.requestsPerSecond).toFixed(2)),
      frontVsNginx: Number((frontFigures.requestsPerSecond / nginxFigures.requestsPerSecond).toFixed(2)),
    }
  } finally {
    for (const server of servers.reverse()) await server.stop()
  }
}

export function printServing(result: ServingResult): void {
  const row = (name: string, f: ServingFigures) => [name, f.requestsPerSecond, f.p50Ms, f.p99Ms, f.errors + f.non2xx]
  printTable(`Serving ${result.page} (50 connections)`, [
    ['server', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
    row('(a) next start', result.nextStart),
    row('(b) blank Next.js page', result.blankNext),
    row('(c) nginx, same HTML file', result.nginxFile),
    row('(d) deploy/nginx.conf → next', result.nginxFront),
    row('(e) blank Next.js, our article HTML', result.blankNextSameBytes),
  ])
  console.log(`  article HTML ${Math.round(result.pageBytes / 1024)} KB`)
  console.log(`  (a)/(b) = ${result.nextVsBlank} (target ≥ 0.8)   (d)/(c) = ${result.frontVsNginx} (target ≥ 0.8)   (a)/(e) = ${result.nextVsSameBytes}`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchServing({ quick: process.argv.includes('--quick'), slug: 'rope-from-complex-numbers' })
  printServing(result)
}
