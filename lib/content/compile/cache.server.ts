import 'server-only'
// Build-time content reads: the paths below are marked turbopackIgnore so output
// tracing does not pull the whole project into the server bundle.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { PostFile } from '../post-files.server'
import type { CompiledArticle, SiteContentContext } from './compile-post.server'

/**
 * Compiled articles are cached on disk by a hash of everything that goes into
 * them, so an unchanged article is never compiled twice, across builds too.
 */

let cacheDir = path.join(/*turbopackIgnore: true*/ process.cwd(), '.next', 'cache', 'content')

/** Benchmarks compile into a cache of their own, leaving the site's untouched. */
export function useContentCacheDirectory(directory: string): void {
  cacheDir = directory
}

let pipelineHash: string | undefined

/** Changes whenever the compiler itself (our code or KaTeX/MDX versions) changes. */
function getPipelineHash(): string {
  if (pipelineHash) return pipelineHash
  const hash = createHash('sha256')
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(/*turbopackIgnore: true*/ dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) hash.update(full).update(fs.readFileSync(full))
    }
  }
  walk(path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'content'))
  walk(path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'math'))
  for (const pkg of ['katex', 'mdx-bundler', 'remark-math', 'remark-gfm', 'lowlight']) {
    try {
      hash.update(pkg).update(fs.readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules', pkg, 'package.json')))
    } catch {
      hash.update(`${pkg}:missing`)
    }
  }
  pipelineHash = hash.digest('hex')
  return pipelineHash
}

/** Images an article may use (its public/images/posts/<slug>/ and content/posts/<slug>/ folders). */
function imageStamp(slug: string): string {
  return [
    path.join(/*turbopackIgnore: true*/ process.cwd(), 'public', 'images', 'posts', slug),
    path.join(/*turbopackIgnore: true*/ process.cwd(), 'content', 'posts', slug),
  ]
    .filter((dir) => fs.existsSync(dir))
    .flatMap((dir) =>
      fs
        .readdirSync(dir)
        .sort()
        .map((name) => {
          const stat = fs.statSync(path.join(/*turbopackIgnore: true*/ dir, name))
          return `${dir}/${name}:${stat.size}:${stat.mtimeMs}`
        }),
    )
    .join('|')
}

// A page render asks for the key of every article it lists; computing it means
// hashing the source and statting image folders. Keyed by object identity: the
// library re-reads files (new objects) whenever their content may have changed.
const knownKeys = new WeakMap<PostFile, { site: SiteContentContext; key: string }>()
const slugLists = new WeakMap<SiteContentContext, string>()

export function cacheKey(post: PostFile, site: SiteContentContext): string {
  const known = knownKeys.get(post)
  if (known?.site === site) return known.key
  let slugs = slugLists.get(site)
  if (slugs === undefined) {
    slugs = [...site.knownSlugs].sort().join(',')
    slugLists.set(site, slugs)
  }
  const key = createHash('sha256')
    .update(getPipelineHash())
    .update(post.file)
    .update(post.source)
    .update(JSON.stringify(site.sharedMacros))
    .update(slugs)
    .update(imageStamp(post.slug))
    .digest('hex')
  knownKeys.set(post, { site, key })
  return key
}

export function readCachedArticle(key: string): CompiledArticle | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(/*turbopackIgnore: true*/ cacheDir, `${key}.json`), 'utf8')) as CompiledArticle
  } catch {
    return undefined
  }
}

export function writeCachedArticle(key: string, article: CompiledArticle): void {
  // Articles with problems are not cached: the next build must report them again.
  if (article.problems.length > 0) return
  fs.mkdirSync(cacheDir, { recursive: true })
  // Write then rename, so a build worker never reads a half-written file.
  const temporary = path.join(/*turbopackIgnore: true*/ cacheDir, `${key}.${process.pid}.tmp`)
  fs.writeFileSync(temporary, JSON.stringify(article))
  fs.renameSync(temporary, path.join(/*turbopackIgnore: true*/ cacheDir, `${key}.json`))
}

/** Drops cached articles that no current article maps to (old versions, deleted posts). */
export function pruneCachedArticles(keep: ReadonlySet<string>): number {
  if (!fs.existsSync(cacheDir)) return 0
  let removed = 0
  for (const name of fs.readdirSync(cacheDir)) {
    if (name.endsWith('.json') && !keep.has(name.slice(0, -'.json'.length))) {
      fs.rmSync(path.join(/*turbopackIgnore: true*/ cacheDir, name), { force: true })
      removed++
    }
  }
  return removed
}
