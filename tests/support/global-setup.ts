import type { TestProject } from 'vitest/node'
import { buildCatalog } from '@/lib/content/build/build-catalog.server'
import { formatProblem } from '@/lib/content/problems'
import provideDatabaseUrl from './database-url-setup'

export default async function setup(project: TestProject) {
  provideDatabaseUrl(project)
  // Comments read their article's labels and macros from the content catalog, as
  // the running site does; it is brought up to date once (incremental, fast when current).
  const catalog = await buildCatalog({ mode: 'production' })
  if (catalog.problems.length > 0) throw new Error(`content problems:\n${catalog.problems.map(formatProblem).join('\n')}`)
}
