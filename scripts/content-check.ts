import { checkContent } from '@/lib/content/build/check-content.server'
import { formatProblem } from '@/lib/content/problems'

// `npm run content:check [-- <file|dir>…]`: compiles and validates every article
// (or the ones named) without building the site. Every problem is one line,
// `file:line: message`, on stderr; the exit code is 1 when there is any, so a
// content repository can run it in CI.
const paths = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))
const { checked, problems } = await checkContent(paths)
for (const problem of problems) console.error(formatProblem(problem))
const files = new Set(problems.map((problem) => problem.file)).size
console.log(
  problems.length === 0
    ? `content:check: ${checked} article(s), no problems.`
    : `content:check: ${problems.length} problem(s) in ${files} of ${checked} article(s).`,
)
process.exitCode = problems.length > 0 ? 1 : 0
