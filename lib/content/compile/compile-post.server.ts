import 'server-only'
import { bundleMDX } from 'mdx-bundler'
import rehypeSlug from 'rehype-slug'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import type { PostFile } from '../post-files.server'
import type { ContentProblem } from '../problems'
import type { EquationLabel, Macros, MathSource } from '@/lib/math/render-formulas'
import type { CompileContext, TocEntry } from './context'
import { prepareBareEnvironments } from './bare-environments'
import { rehypeCodeHighlight } from './rehype-code-highlight'
import { rehypeFigures } from './rehype-figures'
import { rehypeHeadings } from './rehype-headings'
import { rehypeInternalLinks } from './rehype-internal-links'
import { remarkArticleMath } from './remark-article-math'
import { remarkExcerptAndText } from './remark-excerpt-and-text'

/**
 * The one place that knows every remark/rehype plugin an article goes through.
 * Output is MDX code for a Server Component plus the side products list pages,
 * search and the table of contents need, so none of them evaluate MDX.
 */
export interface CompiledArticle {
  code: string
  /** HTML of each formula; the code refers to them by index. */
  math: string[]
  /** The TeX of each formula, in the same order. */
  mathSources: MathSource[]
  labels: Record<string, EquationLabel>
  toc: TocEntry[]
  excerptHtml: string
  text: string
  problems: ContentProblem[]
}

export interface SiteContentContext {
  knownSlugs: ReadonlySet<string>
  sharedMacros: Macros
}

interface EsbuildLikeError {
  errors?: { text: string; location?: { line: number } | null }[]
}

/** The line of `summary:` in the front matter, for messages about the summary's math. */
function summaryLine(source: string): number | undefined {
  const lines = source.split('\n')
  if (lines[0] !== '---') return undefined
  const index = lines.findIndex((line, i) => i > 0 && /^summary\s*:/.test(line))
  return index === -1 ? undefined : index + 1
}

export async function compilePost(post: PostFile, site: SiteContentContext): Promise<CompiledArticle> {
  const macros = { ...site.sharedMacros, ...post.frontMatter.macros }
  const context: CompileContext = {
    file: post.file,
    slug: post.slug,
    macros,
    knownSlugs: site.knownSlugs,
    problems: [],
    math: [],
    mathSources: [],
    labels: {},
    toc: [],
    text: '',
    excerptHtml: '',
  }
  // MathJax-style environments in prose become $$ blocks; messages keep the author's lines.
  const prepared = prepareBareEnvironments(post.source)
  context.problems.push(...prepared.problems.map((problem) => ({ file: post.file, ...problem, message: `math: ${problem.message}` })))
  const authorLine = (line: number | undefined) => (line === undefined ? undefined : (prepared.lines[line - 1] ?? line))
  const problemsBefore = context.problems.length

  let code = ''
  try {
    const result = await bundleMDX({
      source: prepared.source,
      mdxOptions(options) {
        options.remarkPlugins = [
          ...(options.remarkPlugins ?? []),
          remarkGfm,
          remarkMath,
          remarkArticleMath(context),
          remarkExcerptAndText(context, post.frontMatter.summary, summaryLine(post.source)),
        ]
        options.rehypePlugins = [
          ...(options.rehypePlugins ?? []),
          rehypeSlug,
          rehypeHeadings(context),
          rehypeCodeHighlight,
          rehypeFigures(context),
          rehypeInternalLinks(context),
        ]
        options.remarkRehypeOptions = {
          footnoteLabel: '脚注',
          footnoteBackLabel: (index: number) => `返回正文第 ${index + 1} 处引用`,
        }
        return options
      },
      esbuildOptions(options) {
        options.target = 'es2022'
        // The code runs only on the server at build time; minifying it cost a third of
        // the compile time and saved nothing a reader downloads.
        options.minify = false
        // Chinese text stays UTF-8 instead of \uXXXX escapes, which tripled its size in the
        // code (and in the cache, and in what every page render parses).
        options.charset = 'utf8'
        // Problems are collected and reported with file and line; esbuild's own
        // printout would repeat them without context.
        options.logLevel = 'silent'
        // Articles import nothing, and esbuild resolves natively anyway; the JS
        // resolver plugin mdx-bundler adds cost ~3.5 ms of IPC per article.
        options.plugins = options.plugins?.filter((plugin) => plugin.name !== 'node-resolve')
        return options
      },
    })
    code = result.code
  } catch (error) {
    const messages = (error as EsbuildLikeError).errors
    if (!messages?.length) throw error
    // MDX reports syntax errors (an unclosed {, a stray <) through esbuild, with a line.
    for (const message of messages) {
      context.problems.push({ file: post.file, line: message.location?.line, message: `MDX: ${message.text}` })
    }
  }
  for (const problem of context.problems.slice(problemsBefore)) {
    if (!problem.fromFrontMatter) problem.line = authorLine(problem.line)
  }
  return {
    code,
    math: context.math,
    mathSources: context.mathSources,
    labels: context.labels,
    toc: context.toc,
    excerptHtml: context.excerptHtml,
    text: context.text,
    problems: context.problems,
  }
}
