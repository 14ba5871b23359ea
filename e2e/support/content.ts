import fs from 'node:fs'
import path from 'node:path'
import { parseFrontMatter, type FrontMatter } from '@/lib/content/front-matter'

/**
 * The published articles as the tests expect them, read straight from
 * content/ (independently of the site's own loader) to compare pages against.
 */
export interface ExpectedPost extends FrontMatter {
  slug: string
  source: string
}

function findMdx(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? findMdx(full) : entry.name.endsWith('.mdx') ? [full] : []
  })
}

export function publishedPosts(): ExpectedPost[] {
  return findMdx(path.join(process.cwd(), 'content', 'posts'))
    .map((file) => {
      const source = fs.readFileSync(file, 'utf8')
      return { ...parseFrontMatter(file, source), slug: path.basename(file, '.mdx'), source }
    })
    .filter((post) => !post.draft)
    .sort((a, b) => (a.date === b.date ? a.slug.localeCompare(b.slug) : a.date < b.date ? 1 : -1))
}
