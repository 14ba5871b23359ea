import 'server-only'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fontsUsedBy } from '@/lib/math/katex-assets'
import { parseMacroFile } from '@/lib/math/macros'
import type { Macros } from '@/lib/math/render-formulas'
import { catalogDirectory, catalogFiles, type CatalogFiles, type CatalogMode } from '../catalog/location'
import type { SearchDocument } from '@/lib/search/index-format'
import type { CatalogArticle, CatalogIndex, PostListItem, PostMeta } from '../catalog/types'
import { compilePost, type SiteContentContext } from '../compile/compile-post.server'
import { contentRoot, postsRoot, scanPostFiles, type PostFile } from '../post-files.server'
import type { ContentProblem } from '../problems'
import { categoriesOf, tagsOf } from '../taxonomy'
import { pipelineHash } from './pipeline-hash'

/**
 * Turns content/ into the catalog the site reads (lib/content/catalog/): every
 * article compiled once, its HTML, table of contents, plain text, excerpt,
 * labels and macros, plus the listings. Incremental: an article whose inputs
 * (its source, the compiler, the shared macros, the list of slugs, its images)
 * are unchanged keeps its entry from the previous catalog.
 */

export interface BuildCatalogOptions {
  mode: CatalogMode
  /** Where the articles are; content/posts by default. */
  postsDirectory?: string
  /** Where the catalog goes; .catalog/<mode> by default. */
  outputDirectory?: string
  /** Compile everything, ignoring the previous catalog. */
  fresh?: boolean
}

export interface BuildCatalogResult {
  directory: string
  articles: number
  compiled: number
  reused: number
  problems: ContentProblem[]
  milliseconds: number
}

interface StoredInputs {
  /** slug → hash of everything that went into its entry. */
  [slug: string]: string
}

function toMeta(file: PostFile): PostMeta {
  const fm = file.frontMatter
  return {
    slug: file.slug,
    title: fm.title,
    date: fm.date,
    updated: fm.updated,
    category: fm.category,
    tags: fm.tags,
    series: fm.series && fm.seriesPart ? { name: fm.series, part: fm.seriesPart } : undefined,
    summary: fm.summary,
    draft: fm.draft,
    file: file.file,
  }
}

function byDateDescending(a: PostMeta, b: PostMeta): number {
  return a.date === b.date ? a.slug.localeCompare(b.slug) : a.date < b.date ? 1 : -1
}

/** Images an article may use (its public/images/posts/<slug>/ and content/posts/<slug>/ folders). */
function imageStamp(slug: string, postsDirectory: string): string {
  return [path.join(process.cwd(), 'public', 'images', 'posts', slug), path.join(postsDirectory, slug)]
    .filter((dir) => fs.existsSync(dir))
    .flatMap((dir) =>
      fs
        .readdirSync(dir)
        .sort()
        .map((name) => {
          const stat = fs.statSync(path.join(dir, name))
          return `${dir}/${name}:${stat.size}:${stat.mtimeMs}`
        }),
    )
    .join('|')
}

function inputHash(post: PostFile, site: SiteContentContext, slugList: string, postsDirectory: string): string {
  return createHash('sha256')
    .update(pipelineHash())
    .update(post.file)
    .update(post.source)
    .update(JSON.stringify(site.sharedMacros))
    .update(slugList)
    .update(imageStamp(post.slug, postsDirectory))
    .digest('hex')
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T
  } catch {
    return undefined
  }
}

/** Write then rename, so a reader (the dev server) never sees a half-written file. */
function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  fs.writeFileSync(temporary, JSON.stringify(value))
  fs.renameSync(temporary, file)
}

export function readSharedMacros(): Macros {
  const macroFile = path.join(contentRoot, 'macros.tex')
  return fs.existsSync(macroFile) ? parseMacroFile(fs.readFileSync(macroFile, 'utf8')) : {}
}

/**
 * Development: an article whose front matter broke while the server runs keeps
 * its page, which now shows the problem (the error overlay) instead of a 404.
 */
function keepUnreadableArticles(problems: ContentProblem[], previousItems: Map<string, PostListItem>, items: PostListItem[], files: CatalogFiles): void {
  for (const previous of previousItems.values()) {
    const own = problems.filter((problem) => problem.file === previous.file)
    if (own.length === 0 || items.some((item) => item.slug === previous.slug)) continue
    const entry = readJson<CatalogArticle>(files.article(previous.slug))
    if (!entry) continue
    writeJson(files.article(previous.slug), { ...entry, problems: own })
    items.push(previous)
  }
}

/**
 * `.catalog/revision.ts`, imported by the catalog reader: under `next dev` a
 * change to it is a change to a server module, so the open page refreshes with
 * the new catalog (lib/content/build/watch-content.server.ts). Written only for
 * the site's own catalog, and only when the revision changed.
 */
function writeRevisionModule(mode: CatalogMode, revision: string, directory: string): void {
  if (directory !== catalogDirectory(mode)) return
  const file = path.join(path.dirname(directory), 'revision.ts')
  const content = `// Written by scripts/build-content.ts and npm run dev; not edited by hand.\nexport const contentRevision = '${mode}:${revision}'\n`
  if (readText(file) === content) return
  fs.writeFileSync(file, content)
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

export async function buildCatalog(options: BuildCatalogOptions): Promise<BuildCatalogResult> {
  const started = performance.now()
  const postsDirectory = options.postsDirectory ?? postsRoot
  const directory = options.outputDirectory ?? catalogDirectory(options.mode)
  const files = catalogFiles(directory)
  const scanned = scanPostFiles(postsDirectory)
  const posts = scanned.posts.filter((post) => options.mode === 'development' || !post.frontMatter.draft)
  const problems: ContentProblem[] = [...scanned.problems]
  const site: SiteContentContext = { knownSlugs: new Set(posts.map((post) => post.slug)), sharedMacros: readSharedMacros() }
  const slugList = [...site.knownSlugs].sort().join(',')

  const previousIndex = options.fresh ? undefined : readJson<CatalogIndex>(files.index)
  const previousInputs = (options.fresh ? undefined : readJson<StoredInputs>(files.inputs)) ?? {}
  const previousItems = new Map((previousIndex?.posts ?? []).map((item) => [item.slug, item]))
  const previousTexts = new Map((readJson<SearchDocument[]>(files.search) ?? []).map((doc) => [doc.slug, doc.text]))
  const texts = new Map<string, string>()
  const inputs: StoredInputs = {}
  const items: PostListItem[] = []
  let compiled = 0
  let reused = 0

  for (const post of posts) {
    const hash = inputHash(post, site, slugList, postsDirectory)
    const previous = previousItems.get(post.slug)
    if (previousInputs[post.slug] === hash && previous && fs.existsSync(files.article(post.slug))) {
      inputs[post.slug] = hash
      items.push(previous)
      texts.set(post.slug, previousTexts.get(post.slug) ?? readJson<CatalogArticle>(files.article(post.slug))?.text ?? '')
      reused++
      continue
    }
    const article = await compilePost(post, site)
    compiled++
    problems.push(...article.problems)
    const meta = toMeta(post)
    const entry: CatalogArticle = {
      ...meta,
      excerptHtml: article.excerptHtml,
      html: article.html,
      toc: article.toc,
      text: article.text,
      labels: article.labels,
      blocks: article.blocks,
      macros: { ...site.sharedMacros, ...post.frontMatter.macros },
      mathFonts: fontsUsedBy(article.math),
      problems: article.problems,
    }
    // A production catalog never holds a broken article: the build fails instead.
    if (options.mode === 'production' && article.problems.length > 0) continue
    writeJson(files.article(post.slug), entry)
    // Articles with problems are compiled again next time, so their problems are reported again.
    if (article.problems.length === 0) inputs[post.slug] = hash
    items.push({ ...meta, excerptHtml: article.excerptHtml })
    texts.set(post.slug, article.text)
  }

  if (options.mode === 'development') keepUnreadableArticles(scanned.problems, previousItems, items, files)

  if (options.mode === 'production' && problems.length > 0) {
    return { directory, articles: posts.length, compiled, reused, problems, milliseconds: performance.now() - started }
  }

  items.sort(byDateDescending)
  const kept = new Set(items.map((item) => item.slug))
  if (fs.existsSync(files.articles)) {
    for (const name of fs.readdirSync(files.articles)) {
      if (name.endsWith('.json') && !kept.has(name.slice(0, -'.json'.length))) fs.rmSync(path.join(files.articles, name), { force: true })
    }
  }
  const searchDocuments: SearchDocument[] = items.map((item) => ({
    slug: item.slug,
    title: item.title,
    date: item.date,
    category: item.category,
    tags: item.tags,
    ...(item.summary ? { summary: item.summary } : {}),
    text: texts.get(item.slug) ?? '',
  }))
  const revision = createHash('sha256').update(options.mode).update(JSON.stringify(inputs)).update(JSON.stringify(items)).update(JSON.stringify(problems)).digest('hex').slice(0, 16)
  const index: CatalogIndex = {
    revision,
    mode: options.mode,
    posts: items,
    categories: categoriesOf(items),
    tags: tagsOf(items),
    problems: scanned.problems,
  }
  writeJson(files.search, searchDocuments)
  writeJson(files.inputs, inputs)
  // The index last: its revision tells readers that everything before it is in place.
  writeJson(files.index, index)
  writeRevisionModule(options.mode, revision, directory)
  return { directory, articles: posts.length, compiled, reused, problems, milliseconds: performance.now() - started }
}
