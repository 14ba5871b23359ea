import 'server-only'
import fs from 'node:fs'
import path from 'node:path'
import { postsRoot } from '../post-files.server'
import { formatProblem } from '../problems'
import { buildCatalog, type BuildCatalogResult } from './build-catalog.server'

/**
 * `npm run dev`: keeps the development catalog current while an editor writes.
 * A saved article is compiled again (only that one: the build is incremental)
 * and the catalog's revision module changes, which Next.js's dev server sees
 * as an edited server module: the open page refreshes, or shows the article's
 * problems (file:line) in its error overlay.
 */
export function watchContent(options: { onBuilt?: (result: BuildCatalogResult) => void; log?: (line: string) => void } = {}): () => void {
  const log = options.log ?? ((line: string) => console.log(line))
  const roots = [path.dirname(postsRoot), path.join(process.cwd(), 'public', 'images', 'posts')].filter((root) => fs.existsSync(root))
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let again = false

  const rebuild = async () => {
    if (running) {
      again = true
      return
    }
    running = (async () => {
      do {
        again = false
        try {
          const result = await buildCatalog({ mode: 'development' })
          if (result.compiled > 0 || result.problems.length > 0) {
            log(`[content] ${result.compiled} article(s) compiled in ${Math.round(result.milliseconds)} ms${result.problems.length > 0 ? `, ${result.problems.length} problem(s):` : ''}`)
            for (const problem of result.problems) log(`  ${formatProblem(problem)}`)
          }
          options.onBuilt?.(result)
        } catch (error) {
          log(`[content] the catalog could not be rebuilt: ${(error as Error).message}`)
        }
      } while (again)
    })()
    await running
    running = undefined
  }

  const watchers = roots.map((root) =>
    fs.watch(root, { recursive: true }, (_event, name) => {
      // Editors' swap and backup files are not articles.
      if (name && /(^|\/)\.|~$|\.swp$/.test(String(name))) return
      clearTimeout(timer)
      // Editors write a file in several steps: wait for the last one.
      timer = setTimeout(() => void rebuild(), 40)
    }),
  )
  return () => {
    clearTimeout(timer)
    for (const watcher of watchers) watcher.close()
  }
}
