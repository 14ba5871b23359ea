import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

let hash: string | undefined

/**
 * Changes whenever the compiler does: our code under lib/content and lib/math,
 * or the versions of the packages that shape the output. Build time only: the
 * site never hashes sources or walks node_modules.
 */
export function pipelineHash(): string {
  if (hash) return hash
  const sha = createHash('sha256')
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) sha.update(full).update(fs.readFileSync(full))
    }
  }
  walk(path.join(process.cwd(), 'lib', 'content'))
  walk(path.join(process.cwd(), 'lib', 'math'))
  for (const pkg of ['katex', '@mdx-js/mdx', 'remark-math', 'remark-gfm', 'lowlight']) {
    try {
      sha.update(pkg).update(fs.readFileSync(path.join(process.cwd(), 'node_modules', pkg, 'package.json')))
    } catch {
      sha.update(`${pkg}:missing`)
    }
  }
  hash = sha.digest('hex')
  return hash
}
