import { spawn } from 'node:child_process'

/**
 * `npm test` and `npm run test:quick`: the steps in order, stopping at the first
 * that fails, each timed.
 *
 * - `npm test`: type check, lint, every vitest test (unit and integration),
 *   every Playwright spec. The whole suite, on PGlite or on `DATABASE_URL`.
 * - `npm run test:quick`: type check, vitest, and the `@smoke` end-to-end tests
 *   (one per page type): for editing loops, a few minutes.
 * - `TEST_SCOPE=database npm test`: what can differ from one database to the
 *   next, for CI's second pass on the same checkout and build: the integration
 *   tests and the Playwright project `site`. Left out, and said so: the type
 *   check, lint and unit tests (they never open a database) and the project
 *   `article-body` (the prerendered article HTML, the same bytes on any
 *   database; see playwright.config.ts).
 */

interface Step {
  name: string
  command: string[]
}

const quick = process.argv.includes('--quick')
const scope = process.env.TEST_SCOPE ?? 'all'
if (scope !== 'all' && scope !== 'database') {
  console.error(`TEST_SCOPE must be "all" or "database", not "${scope}"`)
  process.exit(2)
}

const typecheck: Step = { name: 'type check', command: ['npm', 'run', 'typecheck'] }
const lint: Step = { name: 'lint', command: ['npx', 'eslint', '.'] }

const steps: Step[] = quick
  ? [typecheck, { name: 'unit and integration tests', command: ['npx', 'vitest', 'run'] }, { name: 'smoke end-to-end tests', command: ['npx', 'playwright', 'test', '--grep', '@smoke'] }]
  : scope === 'database'
    ? [
        { name: 'integration tests', command: ['npx', 'vitest', 'run', '--project', 'integration'] },
        { name: 'end-to-end tests that touch the database', command: ['npx', 'playwright', 'test', '--project', 'site'] },
      ]
    : [typecheck, lint, { name: 'unit and integration tests', command: ['npx', 'vitest', 'run'] }, { name: 'end-to-end tests', command: ['npx', 'playwright', 'test'] }]

if (scope === 'database' && !quick) {
  console.log(
    'TEST_SCOPE=database: skipping the type check, lint, unit tests and the article-body end-to-end project; ' +
      'none of them opens a database, and the full run on the other database ran them on this same checkout.',
  )
}

function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    const [command, ...args] = step.command
    const child = spawn(command!, args, { stdio: 'inherit' })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

const timings: string[] = []
for (const step of steps) {
  const started = Date.now()
  console.log(`\n▶ ${step.name}: ${step.command.join(' ')}`)
  const code = await run(step)
  const seconds = Math.round((Date.now() - started) / 1000)
  timings.push(`${step.name} ${seconds} s`)
  if (code !== 0) {
    console.error(`\n✘ ${step.name} failed (exit code ${code}) after ${seconds} s`)
    process.exit(code)
  }
}
console.log(`\n✔ ${timings.join(', ')}`)
