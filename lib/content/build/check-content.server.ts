import 'server-only'
import { compilePost } from '../compile/compile-post.server'
import { postsRoot, scanPostFiles } from '../post-files.server'
import type { ContentProblem } from '../problems'
import { readSharedMacros } from './build-catalog.server'

/**
 * Compiles and validates articles without building anything: front matter,
 * MDX, math, labels and references, components, images, internal links. Drafts
 * are checked too. `paths` (files or folders) narrows the check, e.g. to what
 * the importer just wrote; links may still point at any article of the site.
 */
export async function checkContent(paths?: readonly string[]): Promise<{ checked: number; problems: ContentProblem[] }> {
  const site = scanPostFiles(postsRoot)
  const targets = paths && paths.length > 0 ? scanPostFiles(paths) : site
  const knownSlugs = new Set([...site.posts, ...targets.posts].map((post) => post.slug))
  const sharedMacros = readSharedMacros()
  const problems: ContentProblem[] = [...targets.problems]
  for (const post of targets.posts) {
    const compiled = await compilePost(post, { knownSlugs, sharedMacros })
    problems.push(...compiled.problems)
  }
  return { checked: targets.posts.length + new Set(targets.problems.map((p) => p.file)).size, problems }
}
