import path from 'node:path'

/**
 * Where the catalog lives: `.catalog/production` (written by `npm run build`,
 * drafts left out) and `.catalog/development` (written and kept current by
 * `npm run dev`, drafts and broken articles included). Outside `.next/`:
 * `next build` empties that folder, and a production start must not depend on
 * `.next/cache`.
 */

export type CatalogMode = 'production' | 'development'

export function catalogDirectory(mode: CatalogMode, root: string = process.cwd()): string {
  return path.join(/*turbopackIgnore: true*/ root, '.catalog', mode)
}

export interface CatalogFiles {
  index: string
  search: string
  inputs: string
  articles: string
  article: (slug: string) => string
}

export function catalogFiles(directory: string): CatalogFiles {
  const articles = path.join(/*turbopackIgnore: true*/ directory, 'articles')
  return {
    /** Metadata and excerpts of every article, newest first, and the listings. */
    index: path.join(/*turbopackIgnore: true*/ directory, 'index.json'),
    /** The search documents (title, tags, prose) of every article. */
    search: path.join(/*turbopackIgnore: true*/ directory, 'search-documents.json'),
    /** Build bookkeeping: what each entry was compiled from. */
    inputs: path.join(/*turbopackIgnore: true*/ directory, 'inputs.json'),
    articles,
    article: (slug) => path.join(/*turbopackIgnore: true*/ articles, `${slug}.json`),
  }
}
