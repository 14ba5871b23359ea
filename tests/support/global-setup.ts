import type { TestProject } from 'vitest/node'
import { buildCatalog } from '@/lib/content/build/build-catalog.server'
import { formatProblem } from '@/lib/content/problems'

// Captured once in the main process: worker processes later rewrite DATABASE_URL
// to point at their per-file databases.
export default async function setup(project: TestProject) {
  project.provide('baseDatabaseUrl', process.env.DATABASE_URL ?? '')
  // Comments read their article's labels and macros from the content catalog, as
  // the running site does; it is brought up to date once (incremental, fast when current).
  const catalog = await buildCatalog({ mode: 'production' })
  if (catalog.problems.length > 0) throw new Error(`content problems:\n${catalog.problems.map(formatProblem).join('\n')}`)
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseDatabaseUrl: string
  }
}
