import 'server-only'
import fs from 'node:fs'
import path from 'node:path'
import { env } from '@/lib/env'
import { cacheKey, pruneCachedArticles, readCachedArticle, writeCachedArticle } from './compile/cache.server'
import { compilePost, type CompiledArticle, type SiteContentContext } from './compile/compile-post.server'
import type { TocEntry } from './compile/context'
import { parseMacroFile } from '@/lib/math/macros'
import type { EquationLabel, Macros } from '@/lib/math/render-formulas'
import { contentRoot, readPostFiles, type PostFile } from './post-files.server'
import { ContentError, type ContentProblem } from './problems'

/**
 * The content API for pages: articles with their metadata, excerpts and
 * compiled bodies. Drafts exist only in `npm run dev`.
 */

export interface PostMeta {
  slug: string
  title: string
  /** YYYY-MM-DD */
  date: string
  updated?: string
  category: string
  tags: string[]
  series?: { name: string; part: number }
  summary?: string
  draft: boolean
  file: string
}

export interface PostListItem extends PostMeta {
  excerptHtml: string
}

export interface Post extends PostListItem {
  code: string
  math: string[]
  toc: TocEntry[]
  text: string
  /** Only ever non-empty in development, where problems are shown instead of failing. */
  problems: ContentProblem[]
}

const isDevelopment = env.NODE_ENV === 'development'

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

interface Library {
  files: Map<string, PostFile>
  metas: PostMeta[]
  site: SiteContentContext
  compiled: Map<string, Promise<CompiledArticle>>
}

let library: Library | undefined

function loadLibrary(): Library {
  // Production builds read the content once; development re-reads so edits show up.
  if (library && !isDevelopment) return library
  const files = readPostFiles().filter((file) => isDevelopment || !file.frontMatter.draft)
  const macroFile = path.join(/*turbopackIgnore: true*/ contentRoot, 'macros.tex')
  const sharedMacros = fs.existsSync(macroFile) ? parseMacroFile(fs.readFileSync(macroFile, 'utf8')) : {}
  library = {
    files: new Map(files.map((file) => [file.slug, file])),
    metas: files.map(toMeta).sort(byDateDescending),
    site: { knownSlugs: new Set(files.map((file) => file.slug)), sharedMacros },
    compiled: library && isDevelopment ? library.compiled : new Map(),
  }
  return library
}

async function compileCached(file: PostFile, site: SiteContentContext): Promise<CompiledArticle> {
  const key = cacheKey(file, site)
  const cached = readCachedArticle(key)
  if (cached) return cached
  const compiled = await compilePost(file, site)
  writeCachedArticle(key, compiled)
  return compiled
}

async function compiledArticle(slug: string): Promise<CompiledArticle | undefined> {
  const lib = loadLibrary()
  const file = lib.files.get(slug)
  if (!file) return undefined
  const key = `${slug}:${cacheKey(file, lib.site)}`
  let pending = lib.compiled.get(key)
  if (!pending) {
    pending = compileCached(file, lib.site)
    lib.compiled.set(key, pending)
  }
  const article = await pending
  if (article.problems.length > 0 && !isDevelopment) throw new ContentError(article.problems)
  return article
}

/** Every article, newest first, without compiling anything. */
export function getPostMetas(): PostMeta[] {
  return loadLibrary().metas
}

/** Every article, newest first, with its excerpt. */
export async function getPostList(): Promise<PostListItem[]> {
  const metas = getPostMetas()
  const items: PostListItem[] = []
  for (const meta of metas) {
    const article = await compiledArticle(meta.slug)
    items.push({ ...meta, excerptHtml: article?.excerptHtml ?? '' })
  }
  return items
}

export async function getPost(slug: string): Promise<Post | undefined> {
  const meta = getPostMetas().find((m) => m.slug === slug)
  const article = meta && (await compiledArticle(slug))
  if (!meta || !article) return undefined
  return { ...meta, ...article }
}

/**
 * What a comment under an article is rendered with: the article's macros (the
 * site's shared ones and its own) and its equation labels, so `$\eqref{eq:x}$`
 * in a comment links to the equation above. Undefined for an unknown slug.
 */
export async function getArticleMathContext(slug: string): Promise<{ macros: Macros; labels: Record<string, EquationLabel> } | undefined> {
  const lib = loadLibrary()
  const file = lib.files.get(slug)
  const article = file && (await compiledArticle(slug))
  if (!file || !article) return undefined
  return { macros: { ...lib.site.sharedMacros, ...file.frontMatter.macros }, labels: article.labels }
}

/** Compiles every article and returns all problems at once (used before `next build`). */
export async function checkAllPosts(): Promise<{ count: number; problems: ContentProblem[] }> {
  const lib = loadLibrary()
  const problems: ContentProblem[] = []
  const keys = new Set<string>()
  for (const file of lib.files.values()) {
    keys.add(cacheKey(file, lib.site))
    const article = await compileCached(file, lib.site)
    problems.push(...article.problems)
  }
  if (problems.length === 0) pruneCachedArticles(keys)
  return { count: lib.files.size, problems }
}
