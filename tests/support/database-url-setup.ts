import type { TestProject } from 'vitest/node'

// Captured once in the main process: worker processes later rewrite DATABASE_URL
// to point at their per-file databases.
export default function provideDatabaseUrl(project: TestProject) {
  project.provide('baseDatabaseUrl', process.env.DATABASE_URL ?? '')
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseDatabaseUrl: string
  }
}
