import 'server-only'
import { bundleMDX } from 'mdx-bundler'
import rehypeSlug from 'rehype-slug'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import type { PostFile } from '../post-files.server'
import type { ContentProblem } from '../problems'
import type { EquationLabel, Macros } from '@/lib/math/render-formulas'
import type { CompileContext, TocEntry } from './context'
import { summaryToHtml } from './excerpt'
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

export async function compilePost(post: PostFile, site: SiteContentContext): Promise<CompiledArticle> {
  const macros = { ...site.sharedMacros, ...post.frontMatter.macros }
  const context: CompileContext = {
    file: post.file,
    slug: post.slug,
    macros,
    knownSlugs: site.knownSlugs,
    problems: [],
    math: [],
    labels: {},
    toc: [],
    text: '',
    excerptHtml: '',
  }
  let summaryHtml: string | undefined
  if (post.frontMatter.summary) {
    const summary = summaryToHtml(post.frontMatter.summary, macros)
    summaryHtml = summary.html
    context.problems.push(...summary.problems.map((message) => ({ file: post.file, message: `summary: ${message}` })))
  }

  let code = ''
  try {
    const result = await bundleMDX({
      source: post.source,
      mdxOptions(options) {
        options.remarkPlugins = [
          ...(options.remarkPlugins ?? []),
          remarkGfm,
          remarkMath,
          remarkArticleMath(context),
          remarkExcerptAndText(context, summaryHtml),
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
  return {
    code,
    math: context.math,
    labels: context.labels,
    toc: context.toc,
    excerptHtml: context.excerptHtml,
    text: context.text,
    problems: context.problems,
  }
}
