import 'server-only'
import path from 'node:path'
import { compile } from '@mdx-js/mdx'
import rehypeSlug from 'rehype-slug'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { BlockLabel, TocEntry } from '../catalog/types'
import { postsRoot, type PostFile } from '../post-files.server'
import type { ContentProblem } from '../problems'
import type { EquationLabel, Macros, MathSource } from '@/lib/math/render-formulas'
import { prepareBareEnvironments } from './bare-environments'
import { renderMdxToHtml } from './mdx-to-html'
import { rehypeCodeHighlight } from './rehype-code-highlight'
import { rehypeFigures } from './rehype-figures'
import { rehypeHeadings } from './rehype-headings'
import { rehypeInternalLinks } from './rehype-internal-links'
import { remarkArticleMath } from './remark-article-math'
import { remarkComponents } from './remark-components'
import { remarkExcerptAndText } from './remark-excerpt-and-text'
import { remarkReferences } from './remark-references'
import './article-data'

/**
 * The one place that knows every remark/rehype plugin an article goes through:
 * one unified chain (MDX's own), whose plugins change the tree in place, leave
 * their side products on `file.data` and report problems with
 * `file.message(reason, node)`, so every problem carries its line. The output
 * is the body as HTML plus what list pages, search, comments and the table of
 * contents need; the build writes it into the catalog and the site never
 * compiles anything.
 */
export interface CompiledArticle {
  /** The body as HTML, formulas included. Empty when there are problems. */
  html: string
  /** The compiled MDX (a function body), from which `html` was rendered. */
  code: string
  /** HTML of each formula; the code refers to them by index. */
  math: string[]
  /** The TeX of each formula, in the same order. */
  mathSources: MathSource[]
  /** Every label: equations, theorem-like blocks and figures, one namespace. */
  labels: Record<string, EquationLabel>
  blocks: BlockLabel[]
  toc: TocEntry[]
  excerptHtml: string
  text: string
  problems: ContentProblem[]
}

export interface SiteContentContext {
  knownSlugs: ReadonlySet<string>
  sharedMacros: Macros
}

/** The line of `summary:` in the front matter, for messages about the summary's math. */
function summaryLine(source: string): number | undefined {
  const lines = source.split('\n')
  if (lines[0] !== '---') return undefined
  const index = lines.findIndex((line, i) => i > 0 && /^summary\s*:/.test(line))
  return index === -1 ? undefined : index + 1
}

/** The front matter (already parsed) as blank lines: MDX skips it, and every line number stays the author's. */
function blankFrontMatter(source: string): string {
  return source.replace(/^---\r?\n[\s\S]*?\r?\n---(?=\r?\n|$)/, (block) => block.replace(/[^\n]/g, ''))
}

function lineOfMessage(message: VFileMessage): number | undefined {
  return message.place ? ('start' in message.place ? message.place.start.line : message.place.line) : (message.line ?? undefined)
}

export async function compilePost(post: PostFile, site: SiteContentContext): Promise<CompiledArticle> {
  const macros = { ...site.sharedMacros, ...post.frontMatter.macros }
  // MathJax-style environments in prose become $$ blocks; messages keep the author's lines.
  const prepared = prepareBareEnvironments(blankFrontMatter(post.source))
  const problems: ContentProblem[] = prepared.problems.map((problem) => ({ file: post.file, ...problem, message: `math: ${problem.message}` }))
  const authorLine = (line: number | undefined) => (line === undefined ? undefined : (prepared.lines[line - 1] ?? line))

  // Images beside the article: content/posts/<slug>/, or <folder>/<slug>/ for an article checked outside content/posts.
  const absolute = path.resolve(post.file)
  const postsDirectory = absolute.startsWith(`${postsRoot}${path.sep}`) ? postsRoot : path.dirname(absolute)
  const file = new VFile({ path: post.file, value: prepared.source })
  let code = ''
  try {
    const compiled = await compile(file, {
      outputFormat: 'function-body',
      development: false,
      remarkPlugins: [
        remarkGfm,
        remarkMath,
        [remarkComponents, { slug: post.slug, postsDirectory }],
        [remarkArticleMath, { macros }],
        [remarkReferences],
        [remarkExcerptAndText, { slug: post.slug, macros, summary: post.frontMatter.summary, summaryLine: summaryLine(post.source) }],
      ],
      rehypePlugins: [rehypeSlug, rehypeHeadings, rehypeCodeHighlight, [rehypeFigures, { slug: post.slug, postsDirectory }], [rehypeInternalLinks, { knownSlugs: site.knownSlugs }]],
      remarkRehypeOptions: {
        footnoteLabel: '脚注',
        footnoteBackLabel: (index: number) => `返回正文第 ${index + 1} 处引用`,
      },
    })
    code = String(compiled)
  } catch (error) {
    // MDX's own syntax errors (an unclosed {, a stray <) come as a message with a place.
    if (!(error instanceof Error) || !('place' in error || 'line' in error)) throw error
    const message = error as VFileMessage
    problems.push({ file: post.file, line: authorLine(lineOfMessage(message)), message: `MDX: ${message.reason}` })
  }
  for (const message of file.messages) {
    problems.push({ file: post.file, line: authorLine(lineOfMessage(message)), message: message.reason })
  }
  const math = file.data.math ?? []
  return {
    html: code && problems.length === 0 ? renderMdxToHtml(code, math) : '',
    code,
    math,
    mathSources: file.data.mathSources ?? [],
    labels: file.data.labels ?? {},
    blocks: file.data.blocks ?? [],
    toc: file.data.toc ?? [],
    excerptHtml: file.data.excerptHtml ?? '',
    text: file.data.text ?? '',
    problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  }
}
