import 'server-only'
import fs from 'node:fs'
import { contentRevision } from '@/.catalog/revision'
import { env } from '@/lib/env'
import type { EquationLabel, Macros } from '@/lib/math/render-formulas'
import type { SearchDocument } from '@/lib/search/index-format'
import { catalogDirectory, catalogFiles } from './catalog/location'
import type { CatalogArticle, CatalogIndex, NamedCount, PostListItem, PostMeta } from './catalog/types'
import { ContentError } from './problems'

export type { CatalogArticle as Post, PostListItem, PostMeta, TocEntry } from './catalog/types'

/**
 * The content API for pages, route handlers and actions: it only reads the
 * catalog that `scripts/build-content.ts` wrote (`npm run build`, or `npm run
 * dev`, which keeps the development catalog current while you write). Nothing
 * here compiles, hashes sources or walks node_modules; eslint.config.mjs keeps
 * the compiler out of everything the site runs.
 */

const isDevelopment = env.NODE_ENV === 'development'
const mode = isDevelopment ? 'development' : 'production'
const files = catalogFiles(catalogDirectory(mode))

/** Articles read recently: pages of one build worker read a few each; no need to keep 1,000 bodies. */
const ARTICLE_CACHE_SIZE = 32

interface Loaded {
  /** The index file's modification time: development re-reads when the watcher rewrote it. */
  stamp: number
  index: CatalogIndex
  articles: Map<string, CatalogArticle>
  search?: SearchDocument[]
}

let loaded: Loaded | undefined

function missingCatalog(): Error {
  const command = isDevelopment ? 'npm run dev' : 'npm run build'
  return new Error(`The content catalog ${files.index} is missing or unreadable: \`${command}\` writes it (scripts/build-content.ts).`)
}

function load(): Loaded {
  if (loaded && !isDevelopment) return loaded
  let stamp: number
  try {
    stamp = fs.statSync(files.index).mtimeMs
  } catch {
    throw missingCatalog()
  }
  if (loaded?.stamp === stamp) return loaded
  try {
    loaded = { stamp, index: JSON.parse(fs.readFileSync(files.index, 'utf8')) as CatalogIndex, articles: new Map() }
  } catch {
    throw missingCatalog()
  }
  return loaded
}

/** Changes whenever anything in the catalog does. */
export function catalogRevision(): string {
  return load().index.revision
}

/**
 * The revision the build wrote beside the catalog. Importing it makes the
 * catalog a dependency of every page in `next dev`, which refreshes them when
 * the content watcher rewrites it (lib/content/build/watch-content.server.ts).
 */
export const builtContentRevision = contentRevision

/** Every article, newest first, with its excerpt. */
export function getPostList(): PostListItem[] {
  return load().index.posts
}

/** Every article, newest first. */
export function getPostMetas(): PostMeta[] {
  return load().index.posts
}

export function getCategories(): NamedCount[] {
  return load().index.categories
}

export function getTags(): NamedCount[] {
  return load().index.tags
}

function readArticle(slug: string): CatalogArticle | undefined {
  const current = load()
  if (!current.index.posts.some((post) => post.slug === slug)) return undefined
  const cached = current.articles.get(slug)
  if (cached) return cached
  let article: CatalogArticle
  try {
    article = JSON.parse(fs.readFileSync(files.article(slug), 'utf8')) as CatalogArticle
  } catch {
    throw missingCatalog()
  }
  current.articles.set(slug, article)
  if (current.articles.size > ARTICLE_CACHE_SIZE) current.articles.delete(current.articles.keys().next().value!)
  return article
}

/**
 * One article with its body. In development an article with problems throws
 * them (file:line each), so the error overlay shows what to fix; a production
 * catalog never holds one.
 */
export function getPost(slug: string): CatalogArticle | undefined {
  const article = readArticle(slug)
  if (article && article.problems.length > 0) throw new ContentError(article.problems)
  return article
}

/**
 * What a comment under an article is rendered with: the article's macros (the
 * site's shared ones and its own) and its labels, so `$\eqref{eq:x}$` or
 * `$\ref{thm:main}$` in a comment links to the article. Undefined for an unknown slug.
 */
export function getArticleMathContext(slug: string): { macros: Macros; labels: Record<string, EquationLabel> } | undefined {
  const article = readArticle(slug)
  return article && { macros: article.macros, labels: article.labels }
}

/** The search documents of every article, in catalog order. */
export function getSearchDocuments(): SearchDocument[] {
  const current = load()
  if (!current.search) {
    try {
      current.search = JSON.parse(fs.readFileSync(files.search, 'utf8')) as SearchDocument[]
    } catch {
      throw missingCatalog()
    }
  }
  return current.search
}
