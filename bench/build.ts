import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { generateCorpus } from './corpus/generate-corpus'
import { printTable } from './lib/format'

/**
 * The full production build (content check, `next build`, CSP hashes) of a
 * copy of this site with the generated 1,000-article corpus, cold, then again
 * after editing one article. Targets on 2 cores: cold ≤ 5 min, edit ≤ 60 s.
 */

export interface BuildResult {
  articles: number
  coldSeconds: number
  coldMsPerArticle: number
  contentCheckSeconds: number
  rebuildAfterEditSeconds: number
  pages: number
}

const root = process.cwd()
const work = path.join(root, 'bench', '.work', 'site-build')

/**
 * A copy of this checkout in `directory`: every tracked file (the articles too,
 * unless `withArticles` is false) and node_modules as hard links, so it builds
 * and runs exactly like this one without touching it.
 */
export function copySite(directory: string, options: { withArticles: boolean }): void {
  fs.rmSync(directory, { recursive: true, force: true })
  fs.mkdirSync(directory, { recursive: true })
  const files = execFileSync('git', ['ls-files'], { encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && (options.withArticles || !file.startsWith('content/posts/')))
  for (const file of files) {
    const target = path.join(directory, file)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.copyFileSync(path.join(root, file), target)
  }
  // Hard links: a full node_modules without copying bytes or symlinking out of the project.
  execFileSync('cp', ['-al', path.join(root, 'node_modules'), path.join(directory, 'node_modules')])
}

function prepareWorkspace(articles: number): void {
  copySite(work, { withArticles: false })
  generateCorpus(path.join(work, 'content', 'posts'), { articles, seed: 2024 })
}

function timedBuild(): { seconds: number; contentSeconds: number; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', SITE_URL: 'http://localhost:3100', NODE_ENV: 'production' }
  const started = performance.now()
  const content = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/build-content.ts'], { cwd: work, env, encoding: 'utf8' })
  const contentSeconds = (performance.now() - started) / 1000
  if (content.status !== 0) throw new Error(`content check failed:\n${content.stdout}${content.stderr}`)
  const next = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { cwd: work, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (next.status !== 0) throw new Error(`next build failed:\n${next.stdout.slice(-4000)}${next.stderr.slice(-4000)}`)
  const csp = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/secure-prerendered-pages.ts'], { cwd: work, env, encoding: 'utf8' })
  if (csp.status !== 0) throw new Error(`CSP manifest failed:\n${csp.stderr}`)
  return { seconds: (performance.now() - started) / 1000, contentSeconds, output: next.stdout }
}

export function benchBuild(options: { articles: number }): BuildResult {
  prepareWorkspace(options.articles)
  try {
    const cold = timedBuild()
    const pages = Number(/Generating static pages[^(]*\((\d+)\/(\d+)\)/.exec(cold.output.split('\n').filter((l) => l.includes('✓ Generating')).join('\n'))?.[2] ?? 0)
    // An editor fixes a sentence in one article and rebuilds.
    const edited = path.join(work, 'content', 'posts', 'bench-0500.mdx')
    fs.appendFileSync(edited, '\n补充一句：这里的推导在维度很高时同样成立。\n')
    const rebuild = timedBuild()
    return {
      articles: options.articles,
      coldSeconds: Math.round(cold.seconds),
      coldMsPerArticle: Math.round((cold.seconds * 1000) / options.articles),
      contentCheckSeconds: Math.round(cold.contentSeconds),
      rebuildAfterEditSeconds: Math.round(rebuild.seconds),
      pages,
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

export function printBuild(result: BuildResult): void {
  printTable(`Full build, ${result.articles} generated articles (${result.pages} static pages)`, [
    ['build', 'seconds', 'note'],
    ['cold (content check + next build + CSP hashes)', result.coldSeconds, `${result.coldMsPerArticle} ms/article; target ≤ 300 s`],
    ['  of which content check', result.contentCheckSeconds, ''],
    ['after editing one article', result.rebuildAfterEditSeconds, 'target ≤ 60 s'],
  ])
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const articles = Number(process.argv.find((a) => a.startsWith('--articles='))?.split('=')[1] ?? 1000)
  printBuild(benchBuild({ articles }))
}
