import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import base from './vitest.config'

/**
 * The tests StrykerJS runs against each mutant (scripts/mutation-test.ts): the
 * ones that exercise the modules under mutation, not the whole suite, so one
 * mutant costs seconds. The projects are the full suite's (vitest.config.ts),
 * integration files included, each with its own fresh in-memory database.
 */
const unit = [
  'lib/math/*.test.ts',
  'lib/comments/*.test.ts',
  'lib/search/*.test.ts',
  'tests/unit/callback-url.test.ts',
  'tests/unit/password-hash.test.ts',
  'tests/unit/rate-limit-rules.test.ts',
  'tests/unit/search-hostile-queries.test.ts',
]
/** Unit files that mock a module (vi.mock), which needs a module cache of their own. */
const mocking = ['lib/comments/render-comment-overflow.test.ts', 'tests/unit/password-hash.test.ts']
const integration = ['tests/integration/rate-limit.test.ts', 'tests/integration/accounts.test.ts']

const [unitProject, integrationProject] = (base.test?.projects ?? []) as TestProjectInlineConfiguration[]

export default defineConfig({
  resolve: base.resolve,
  test: {
    projects: [
      // Stryker switches mutants at run time, so a unit test file need not import
      // KaTeX and the rest afresh for each one: sharing the module cache between
      // runs makes a mutant cheaper. Static mutants need a fresh module: they are
      // not run by default, and when they are, the script asks for isolation.
      // MUTATION_ISOLATE=1 (set for static mutants) gives each run fresh modules.
      { ...unitProject, test: { ...unitProject!.test, include: unit, exclude: mocking, isolate: process.env.MUTATION_ISOLATE === '1' } },
      { ...unitProject, test: { ...unitProject!.test, name: 'unit-mocking', include: mocking } },
      // The mutated modules need no content catalog: only the database URL is set up.
      { ...integrationProject, test: { ...integrationProject!.test, include: integration, globalSetup: ['tests/support/database-url-setup.ts'] } },
    ],
  },
})
