/**
 * `npm run test:mutation`: StrykerJS over the modules where a silent bug costs
 * most (stryker.config.json lists them), then the mutation score of each
 * module. Exit 1 when one scores below 80%.
 *
 * `npm run test:mutation -- lib/auth/` mutates only the modules under that path.
 * Static mutants (in module-level constants such as the sanitizer's
 * allow-lists) are not run by default: each needs every test re-run with the
 * module reloaded. `--static` runs them too, and so does `--quick`.
 * Add `--force` to test every mutant again instead of reusing the results of
 * the previous run for unchanged code and tests.
 *
 * `npm run test:mutation -- --quick` mutates only the lines of those modules
 * changed since the previous commit (HEAD~1, uncommitted edits included), for
 * CI and editing loops, at most 25 lines (the rest is left to the full run,
 * and it says so); with no such line it says so and passes.
 *
 * docs/testing.md ("Mutation testing") lists the surviving mutants judged
 * equivalent, and why.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { Stryker } from '@stryker-mutator/core'
import type { MutantResult } from '@stryker-mutator/api/core'

const MINIMUM_SCORE = 80
const root = path.resolve(import.meta.dirname, '..')
const config = JSON.parse(fs.readFileSync(path.join(root, 'stryker.config.json'), 'utf8')) as { mutate: string[] }
const quick = process.argv.includes('--quick')
const force = process.argv.includes('--force')
/** Static mutants (module-level tables) are left out unless asked for: see docs/testing.md. */
const withStatic = process.argv.includes('--static')
/** Paths given on the command line narrow the run to those modules. */
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))

/** The modules under mutation, as paths (the config's globs expanded). */
function modulesUnderMutation(): string[] {
  const tracked = execFileSync('git', ['ls-files', ...config.mutate], { cwd: root, encoding: 'utf8' })
  return tracked.split('\n').filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
}

/** `file:start-end` for every run of lines changed since the previous commit. */
function changedRanges(modules: string[]): string[] | null {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD~1'], { cwd: root, stdio: 'ignore' })
  } catch {
    return null // a shallow clone, or the first commit
  }
  const diff = execFileSync('git', ['diff', '--unified=0', '--no-color', 'HEAD~1', '--', ...modules], { cwd: root, encoding: 'utf8' })
  const ranges: string[] = []
  let file = ''
  for (const line of diff.split('\n')) {
    const target = /^\+\+\+ b\/(.+)$/.exec(line)
    if (target) file = target[1]!
    const hunk = /^@@ -\S+ \+(\d+)(?:,(\d+))? @@/.exec(line)
    if (hunk && file) {
      const start = Number(hunk[1])
      const count = hunk[2] === undefined ? 1 : Number(hunk[2])
      if (count > 0) ranges.push(`${file}:${start}-${start + count - 1}`)
    }
  }
  return ranges
}

/** Lines --quick mutates at most: a few minutes on this project's 2-core machines. */
const QUICK_LINE_BUDGET = 25

/** The first ranges that fit in `budget` lines, the last one cut to fit. */
function withinBudget(ranges: readonly string[], budget: number): string[] {
  const kept: string[] = []
  let left = budget
  for (const range of ranges) {
    if (left <= 0) break
    const [, file, start, end] = /^(.+):(\d+)-(\d+)$/.exec(range)!
    const last = Math.min(Number(end), Number(start) + left - 1)
    kept.push(`${file}:${start}-${last}`)
    left -= last - Number(start) + 1
  }
  return kept
}

interface Tally {
  killed: number
  survived: number
  noCoverage: number
  timedOut: number
  invalid: number
  /** Static mutants not run (ignoreStatic). */
  static: number
}

function tally(results: readonly MutantResult[]): Map<string, Tally> {
  const byModule = new Map<string, Tally>()
  for (const result of results) {
    const file = path.relative(root, path.resolve(root, result.fileName))
    const counts = byModule.get(file) ?? { killed: 0, survived: 0, noCoverage: 0, timedOut: 0, invalid: 0, static: 0 }
    if (result.status === 'Killed') counts.killed++
    else if (result.status === 'Timeout') counts.timedOut++
    else if (result.status === 'Survived') counts.survived++
    else if (result.status === 'NoCoverage') counts.noCoverage++
    else if (result.status === 'Ignored' && /static/i.test(result.statusReason ?? '')) counts.static++
    else counts.invalid++ // CompileError, RuntimeError, other Ignored: not counted in the score
    byModule.set(file, counts)
  }
  return byModule
}

/** Stryker's score: detected (killed or timed out) over all valid mutants; null without any. */
function score(counts: Tally): number | null {
  const detected = counts.killed + counts.timedOut
  const valid = detected + counts.survived + counts.noCoverage
  return valid === 0 ? null : (100 * detected) / valid
}

async function main() {
  const modules = modulesUnderMutation().filter((module) => only.length === 0 || only.some((given) => module.startsWith(given)))
  let mutate = modules
  if (quick) {
    const changed = changedRanges(modules)
    if (changed === null) {
      console.log('mutation (quick): no previous commit to compare with (shallow clone?); nothing to mutate.')
      return
    }
    if (changed.length === 0) {
      console.log('mutation (quick): no line of a mutated module changed since the previous commit; nothing to mutate.')
      return
    }
    mutate = withinBudget(changed, QUICK_LINE_BUDGET)
    console.log(`mutation (quick): ${mutate.length} changed range(s): ${mutate.join(', ')}`)
    const left = changed.length - mutate.length
    if (left > 0) console.log(`mutation (quick): ${left} more range(s) left for the full run (budget: ${QUICK_LINE_BUDGET} changed lines)`)
  }
  const started = Date.now()
  // Without --quick, results are kept per selection of modules (reports/mutation/,
  // not committed): a rerun tests again only mutants whose code or tests changed.
  const selection = only.length === 0 ? 'all' : only.join('+').replace(/[^A-Za-z0-9.+-]+/g, '_')
  const incremental = quick ? {} : { incremental: true, force, incrementalFile: `reports/mutation/incremental-${selection}.json` }
  // Static mutants need a fresh module for each run: --static, and --quick (a
  // changed table is as much a change as a changed line of code), run them,
  // with the unit tests isolated (vitest.mutation.config.ts reads this).
  const runStatic = withStatic || quick
  if (runStatic) process.env.MUTATION_ISOLATE = '1'
  const results = await new Stryker({ mutate, ...incremental, ...(runStatic ? { ignoreStatic: false } : {}) }).runMutationTest()
  const byModule = tally(results)

  console.log(`\nMutation score per module (minimum ${MINIMUM_SCORE}%):`)
  const width = Math.max(...modules.map((module) => module.length))
  console.log(`${'module'.padEnd(width)}  score   killed  timeout  survived  no cover  static (not run)`)
  const failing: string[] = []
  for (const module of modules) {
    const counts = byModule.get(module)
    if (!counts) continue
    const value = score(counts)
    if (value !== null && value < MINIMUM_SCORE) failing.push(module)
    console.log(
      `${module.padEnd(width)}  ${(value === null ? 'n/a' : `${value.toFixed(1)}%`).padStart(6)}  ${String(counts.killed).padStart(6)}  ${String(counts.timedOut).padStart(7)}  ${String(counts.survived).padStart(8)}  ${String(counts.noCoverage).padStart(8)}  ${String(counts.static).padStart(6)}`,
    )
  }
  console.log(`(${Math.round((Date.now() - started) / 1000)} s; surviving mutants: reports/mutation/mutation.json)`)
  if (failing.length > 0) {
    console.error(`Below ${MINIMUM_SCORE}%: ${failing.join(', ')}`)
    process.exitCode = 1
  }
}

await main()
