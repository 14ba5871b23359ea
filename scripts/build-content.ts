import { buildCatalog } from '@/lib/content/build/build-catalog.server'
import type { CatalogMode } from '@/lib/content/catalog/location'
import { formatProblem } from '@/lib/content/problems'
import { log } from './lib/log'

// Compiles every article into the content catalog the site reads (.catalog/),
// before `next build`, and reports every content problem at once, with file and
// line, instead of one prerender stack trace at a time.
//
//   tsx --conditions=react-server scripts/build-content.ts [--dev] [--fresh]
const mode: CatalogMode = process.argv.includes('--dev') ? 'development' : 'production'
const result = await buildCatalog({ mode, fresh: process.argv.includes('--fresh') })
if (result.problems.length > 0 && mode === 'production') {
  log.error(`Content check failed: ${result.problems.length} problem(s) in content/:`)
  for (const problem of result.problems) log.error(`  ${formatProblem(problem)}`)
  process.exit(1)
}
log.info(
  `Content catalog (${mode}) written to ${result.directory}: ${result.articles} article(s), ${result.compiled} compiled, ${result.reused} unchanged, in ${Math.round(result.milliseconds)} ms.`,
)
