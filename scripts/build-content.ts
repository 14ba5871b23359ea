import { checkAllPosts } from '@/lib/content/posts.server'
import { ContentError, formatProblem } from '@/lib/content/problems'
import { log } from './lib/log'

// Compiles every article before `next build` (filling the compile cache) and
// reports all content problems at once, with file and line, instead of one
// prerender stack trace at a time.
const started = performance.now()
try {
  const { count, problems } = await checkAllPosts()
  if (problems.length > 0) {
    log.error(`Content check failed: ${problems.length} problem(s) in content/:`)
    for (const problem of problems) log.error(`  ${formatProblem(problem)}`)
    process.exit(1)
  }
  log.info(`Content check passed: ${count} article(s) compiled in ${Math.round(performance.now() - started)} ms.`)
} catch (error) {
  if (!(error instanceof ContentError)) throw error
  log.error('Content check failed:')
  for (const problem of error.problems) log.error(`  ${formatProblem(problem)}`)
  process.exit(1)
}
