import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import base from './vitest.config'

/**
 * The tests StrykerJS runs against each mutant (scripts/mutation-test.ts): the
 * ones that exercise the modules under mutation, not the whole suite, so one
 * mutant costs seconds. The projects are the full suite's (vitest.config.ts),
 * integration files included, each with its own fresh in-memory database.
 */
export const mutationTests: Record<'unit' | 'integration', string[]> = {
  unit: [
    'lib/math/*.test.ts',
    'lib/comments/*.test.ts',
    'lib/search/*.test.ts',
    'tests/unit/callback-url.test.ts',
    'tests/unit/password-hash.test.ts',
    'tests/unit/rate-limit-rules.test.ts',
    'tests/unit/search-hostile-queries.test.ts',
  ],
  integration: ['tests/integration/rate-limit.test.ts', 'tests/integration/accounts.test.ts'],
}

const projects = (base.test?.projects ?? []) as TestProjectInlineConfiguration[]

export default defineConfig({
  resolve: base.resolve,
  test: {
    projects: projects.map((project) => {
      const name = project.test?.name as keyof typeof mutationTests
      if (name === 'integration') {
        // The mutated modules need no content catalog: only the database URL is set up.
        return { ...project, test: { ...project.test, include: mutationTests[name], globalSetup: ['tests/support/database-url-setup.ts'] } }
      }
      // Stryker switches mutants at run time, so a unit test file need not import
      // KaTeX and the rest afresh for each one: sharing the module cache between
      // runs makes a mutant several times cheaper. (Integration files keep their
      // isolation: each opens its own database.)
      return { ...project, test: { ...project.test, include: mutationTests[name], isolate: false } }
    }),
  },
})
