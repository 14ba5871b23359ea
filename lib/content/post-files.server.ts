import 'server-only'
import fs from 'node:fs'
import path from 'node:path'
import { FrontMatterError, parseFrontMatter, type FrontMatter } from './front-matter'
import { ContentError, type ContentProblem } from './problems'

export const contentRoot = path.join(/*turbopackIgnore: true*/ process.cwd(), 'content')
export const postsRoot = path.join(/*turbopackIgnore: true*/ contentRoot, 'posts')

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export interface PostFile {
  slug: string
  /** Path relative to the repository root, as editors see it. */
  file: string
  source: string
  frontMatter: FrontMatter
}

/** The .mdx files under a folder (recursively), or the file itself when given one. */
export function* findMdxFiles(directory: string): Generator<string> {
  if (!fs.existsSync(directory)) return
  if (fs.statSync(directory).isFile()) {
    if (directory.endsWith('.mdx')) yield directory
    return
  }
  for (const entry of fs.readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(/*turbopackIgnore: true*/ directory, entry.name)
    if (entry.isDirectory()) yield* findMdxFiles(full)
    else if (entry.name.endsWith('.mdx')) yield full
  }
}

/**
 * Every article file with validated front matter, and the problems of those
 * that could not be read (bad slug, duplicate slug, bad front matter), all at
 * once, so one run lists every problem.
 */
export function scanPostFiles(root: string | readonly string[] = postsRoot): { posts: PostFile[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = []
  const posts: PostFile[] = []
  const seen = new Map<string, string>()
  for (const absolute of (typeof root === 'string' ? [root] : root).flatMap((entry) => [...findMdxFiles(path.resolve(entry))])) {
    const file = path.relative(process.cwd(), absolute)
    const slug = path.basename(absolute, '.mdx')
    if (!SLUG.test(slug)) {
      problems.push({
        file,
        message: `the file name "${slug}" is not a valid slug: use lowercase ASCII letters, digits and single hyphens (e.g. attention-scaling.mdx)`,
      })
      continue
    }
    const previous = seen.get(slug)
    if (previous) {
      problems.push({ file, message: `duplicate slug "${slug}": ${previous} already uses it` })
      continue
    }
    seen.set(slug, file)
    const source = fs.readFileSync(absolute, 'utf8')
    try {
      posts.push({ slug, file, source, frontMatter: parseFrontMatter(file, source) })
    } catch (error) {
      if (!(error instanceof FrontMatterError)) throw error
      problems.push(...error.problems.map((p) => ({ file, line: p.line, message: `front matter "${p.key}" ${p.message}` })))
    }
  }
  return { posts, problems }
}

/** Every article file with validated front matter; throws every problem together. */
export function readPostFiles(root: string = postsRoot): PostFile[] {
  const { posts, problems } = scanPostFiles(root)
  if (problems.length > 0) throw new ContentError(problems)
  return posts
}
