import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import katex from 'katex'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { mathFromMarkdown } from 'mdast-util-math'
import { math as mathSyntax } from 'micromark-extension-math'
import { compilePost } from '@/lib/content/compile/compile-post.server'
import { buildCatalog } from '@/lib/content/build/build-catalog.server'
import { parseFrontMatter } from '@/lib/content/front-matter'
import { parseMacroFile } from '@/lib/math/macros'
import type { PostFile } from '@/lib/content/post-files.server'
import { generateCorpus } from './corpus/generate-corpus'
import { formulasOf } from './lib/formulas'
import { printTable } from './lib/format'

/**
 * Content compile cost per article against KaTeX alone on the same formulas,
 * measured side by side in one run (ratio target ≤ 2), plus the cost per
 * unchanged article of rebuilding the catalog (what an incremental build pays).
 */

export interface ContentCompileResult {
  articles: number
  formulasPerArticle: number
  katexMsPerArticle: number
  compileMsPerArticle: number
  ratio: number
  /** KaTeX's default output (HTML + MathML): what we ship, and what rehype-katex renders. */
  katexDefaultOutputMsPerArticle: number
  ratioToKatexDefaultOutput: number
  warmCacheMsPerArticle: number
  breakdown: { parseMs: number; katexMs: number; mdxFixedMs: number; mdxAndPluginsMs: number }
}

// KaTeX has no \label or \eqref: the baseline gets the same formulas with those
// replaced by what they print, which is what KaTeX would be asked to render.
function katexOnly(formulas: { tex: string; display: boolean }[], macros: Record<string, string>, output: 'mathml' | 'htmlAndMathml'): void {
  for (const { tex, display } of formulas) {
    const plain = tex.replace(/\\label\{[^}]*\}/g, '').replace(/\\eqref\{[^}]*\}/g, '(1)').replace(/\\ref\{[^}]*\}/g, '1')
    katex.renderToString(plain, { output, throwOnError: false, strict: 'ignore', displayMode: display, macros: { ...macros } })
  }
}

export async function benchContentCompile(options: { articles: number }): Promise<ContentCompileResult> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-content-'))
  try {
    const files = generateCorpus(path.join(directory, 'posts'), { articles: options.articles + 5, seed: 7 })
    const macros = parseMacroFile(fs.readFileSync('content/macros.tex', 'utf8'))
    const posts: PostFile[] = files.map((file) => {
      const source = fs.readFileSync(file, 'utf8')
      return { slug: path.basename(file, '.mdx'), file, source, frontMatter: parseFrontMatter(file, source) }
    })
    const site = { knownSlugs: new Set(posts.map((p) => p.slug)), sharedMacros: macros }
    const formulas = posts.map((post) => formulasOf(post.source))

    // Warm up the JIT and esbuild's service on articles that are not measured.
    for (let i = 0; i < 5; i++) {
      katexOnly(formulas[i]!, macros, 'mathml')
      katexOnly(formulas[i]!, macros, 'htmlAndMathml')
      await compilePost(posts[i]!, site)
    }

    let katexMs = 0
    let katexDefaultMs = 0
    let compileMs = 0
    let parseMs = 0
    const measured = posts.slice(5)
    for (const [offset, post] of measured.entries()) {
      const index = offset + 5
      let start = performance.now()
      katexOnly(formulas[index]!, macros, 'mathml')
      katexMs += performance.now() - start

      start = performance.now()
      katexOnly(formulas[index]!, macros, 'htmlAndMathml')
      katexDefaultMs += performance.now() - start

      start = performance.now()
      fromMarkdown(post.source, { extensions: [mathSyntax()], mdastExtensions: [mathFromMarkdown()] })
      parseMs += performance.now() - start

      start = performance.now()
      const compiled = await compilePost(post, site)
      compileMs += performance.now() - start
      if (compiled.problems.length > 0) throw new Error(`Corpus article ${post.slug} failed: ${compiled.problems[0]!.message}`)
    }

    // MDX's own cost for an article with one line: processor set-up, compile, evaluation.
    let fixedMs = 0
    for (let i = 0; i < 20; i++) {
      const start = performance.now()
      await compilePost({ ...measured[0]!, source: '---\ntitle: x\n---\n\n一行。\n' }, site)
      fixedMs += performance.now() - start
    }

    // The catalog of the whole corpus, then again with nothing changed: what an unchanged article costs a build.
    const catalog = { mode: 'production' as const, postsDirectory: path.join(directory, 'posts'), outputDirectory: path.join(directory, 'catalog') }
    const cold = await buildCatalog(catalog)
    if (cold.problems.length > 0) throw new Error(`Corpus catalog failed: ${cold.problems[0]!.message}`)
    const warm = await buildCatalog(catalog)
    if (warm.reused !== warm.articles) throw new Error(`catalog rebuilt ${warm.compiled} unchanged articles`)
    const warmMs = (warm.milliseconds * measured.length) / warm.articles

    const n = measured.length
    // Our pipeline renders the same formulas (plus numbering), so KaTeX's share
    // of it is about the baseline; the rest is parsing, MDX and esbuild.
    const perArticle = (ms: number) => Number((ms / n).toFixed(2))
    return {
      articles: n,
      formulasPerArticle: Math.round(formulas.slice(5).reduce((sum, f) => sum + f.length, 0) / n),
      katexMsPerArticle: perArticle(katexMs),
      compileMsPerArticle: perArticle(compileMs),
      ratio: Number((compileMs / katexMs).toFixed(2)),
      katexDefaultOutputMsPerArticle: perArticle(katexDefaultMs),
      ratioToKatexDefaultOutput: Number((compileMs / katexDefaultMs).toFixed(2)),
      warmCacheMsPerArticle: perArticle(warmMs),
      breakdown: {
        parseMs: perArticle(parseMs),
        katexMs: perArticle(katexMs),
        mdxFixedMs: Number((fixedMs / 20).toFixed(2)),
        mdxAndPluginsMs: perArticle(compileMs - katexMs - parseMs),
      },
    }
  } finally {
    fs.rmSync(directory, { recursive: true, force: true })
  }
}

export function printContentCompile(result: ContentCompileResult): void {
  const b = result.breakdown
  printTable(`Content compile (${result.articles} generated articles, ~${result.formulasPerArticle} formulas each)`, [
    ['pipeline', 'ms/article', 'note'],
    ['KaTeX alone, MathML output only', result.katexMsPerArticle, 'for comparison'],
    ['KaTeX alone, HTML+MathML output', result.katexDefaultOutputMsPerArticle, 'what we ship (and rehype-katex renders by default)'],
    ['our full compile (MDX + math + numbering + HTML)', result.compileMsPerArticle, `÷ MathML ${result.ratio}, ÷ default ${result.ratioToKatexDefaultOutput} (target ≤ 2)`],
    ['  Markdown parse', b.parseMs, ''],
    ['  KaTeX share (≈ baseline)', b.katexMs, ''],
    ['  MDX compile + our plugins + HTML', b.mdxAndPluginsMs, `of which MDX's fixed cost per file ${b.mdxFixedMs}`],
    ['unchanged article in an incremental catalog build', result.warmCacheMsPerArticle, ''],
  ])
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const articles = Number(process.argv.find((arg) => arg.startsWith('--articles='))?.split('=')[1] ?? 200)
  printContentCompile(await benchContentCompile({ articles }))
}
