import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { applicationSources, exportProblems, findServerDirectives, programFor } from '@/tests/support/server-modules'

/**
 * `'use server'` makes every export of a module a public endpoint (POST with
 * its action id, no page needed). Ours are only form actions made by
 * `validatedAction`, in files named actions.ts, and no function declares
 * itself a server action inline.
 */
const sources = applicationSources()
const serverModules = sources.filter((file) => findServerDirectives(file, fs.readFileSync(file, 'utf8')).moduleLevel)

describe("modules marked 'use server'", () => {
  it('are the route actions.ts files, and nothing declares a server action inline', () => {
    expect(serverModules.length).toBeGreaterThanOrEqual(7)
    for (const file of serverModules) expect(path.basename(file), file).toBe('actions.ts')
    const inline = sources.flatMap((file) =>
      findServerDirectives(file, fs.readFileSync(file, 'utf8')).inlineLines.map((line) => `${file}:${line}`),
    )
    expect(inline).toEqual([])
  })

  it('export nothing but async functions resolving to an ActionResult', { timeout: 120_000 }, () => {
    // The counterexamples prove the check can fail: a read helper, a constant, a synchronous function.
    const counterexample = 'app/__counterexample__/actions.ts'
    const program = programFor(serverModules, {
      [counterexample]: [
        "'use server'",
        "import { sendFeedbackAction } from '@/app/(site)/feedback/actions'",
        'export { sendFeedbackAction }',
        'export type Shown = { title: string }',
        'export async function listEmails(): Promise<string[]> { return [] }',
        'export const limit = 5',
        'export function renameNow(name: string) { return { ok: true, name } }',
      ].join('\n'),
    })
    expect(exportProblems(program, counterexample).sort()).toEqual([
      `${counterexample}: limit is not a function`,
      `${counterexample}: listEmails resolves to string[], not an ActionResult: a read-only helper must not be a server action`,
      `${counterexample}: renameNow is not async (returns { ok: boolean; name: string; })`,
    ])
    expect(serverModules.flatMap((file) => exportProblems(program, file))).toEqual([])
  })

  it('recognizes the directive at the top of a module and inside a function only', () => {
    expect(findServerDirectives('a.ts', "'use strict'\n'use server'\nexport async function a() {}")).toEqual({ moduleLevel: true, inlineLines: [] })
    expect(findServerDirectives('b.ts', "import x from 'y'\n'use server'\nconst s = 'use server'")).toEqual({ moduleLevel: false, inlineLines: [] })
    expect(findServerDirectives('c.tsx', "export function Form() {\n  async function save() {\n    'use server'\n  }\n  return null\n}")).toEqual({
      moduleLevel: false,
      inlineLines: [2],
    })
  })
})
