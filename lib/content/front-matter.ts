import { parse as parseYaml, YAMLParseError } from 'yaml'
import { z } from 'zod'
import { validateMacroNames } from '@/lib/math/macros'

/**
 * The front-matter contract editors rely on (content/README.md documents it).
 * Validation errors name the file and the key, so a bad article fails the build
 * with a message the editor can act on.
 */

const isoDate = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return true // already reported by the format check
    const date = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
  }, 'is not a real calendar date')

const nonEmpty = (what: string) => z.string({ error: `must be ${what}` }).trim().min(1, `must not be empty`)

export const frontMatterSchema = z
  .strictObject(
    {
      title: nonEmpty('text'),
      date: isoDate,
      category: nonEmpty('one category name'),
      tags: z.array(nonEmpty('text'), { error: 'must be a list, e.g. [Transformer, 长度外推]' }).default([]),
      series: nonEmpty('the series name').optional(),
      seriesPart: z.number({ error: 'must be a whole number' }).int('must be a whole number').positive('must be 1 or more').optional(),
      summary: nonEmpty('text').optional(),
      updated: isoDate.optional(),
      draft: z.boolean({ error: 'must be true or false' }).default(false),
      macros: z
        .record(z.string(), z.string(), { error: 'must map macro names to TeX, e.g. "\\\\v": "\\\\boldsymbol{#1}"' })
        .refine((macros) => validateMacroNames(macros).length === 0, {
          message: 'keys must be TeX commands such as "\\\\v"',
        })
        .default({}),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key(s): ${issue.keys.join(', ')}` : undefined) },
  )
  .superRefine((value, context) => {
    if (value.series !== undefined && value.seriesPart === undefined) {
      context.addIssue({ code: 'custom', path: ['seriesPart'], message: 'is required when series is set' })
    }
    if (value.series === undefined && value.seriesPart !== undefined) {
      context.addIssue({ code: 'custom', path: ['series'], message: 'is required when seriesPart is set' })
    }
    if (value.updated !== undefined && value.updated < value.date) {
      context.addIssue({ code: 'custom', path: ['updated'], message: 'is earlier than date' })
    }
  })

export type FrontMatter = z.infer<typeof frontMatterSchema>

export interface SplitSource {
  /** Raw YAML between the `---` fences. */
  yaml: string
  /** 1-based line where the YAML starts, for error messages. */
  yamlLine: number
}

export class FrontMatterError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { key: string; message: string; line?: number }[],
  ) {
    super(problems.map((p) => `${file}${p.line ? `:${p.line}` : ''}: front matter "${p.key}" ${p.message}`).join('\n'))
    this.name = 'FrontMatterError'
  }
}

export function splitFrontMatter(source: string): SplitSource | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source)
  if (!match) return null
  return { yaml: match[1] ?? '', yamlLine: 2 }
}

/** Line of `key:` inside the YAML, so errors can point at it. */
function lineOfKey(yaml: string, key: string, firstLine: number): number | undefined {
  const index = yaml.split('\n').findIndex((line) => line.startsWith(`${key}:`))
  return index === -1 ? undefined : firstLine + index
}

export function parseFrontMatter(file: string, source: string): FrontMatter {
  const split = splitFrontMatter(source)
  if (!split) {
    throw new FrontMatterError(file, [{ key: '---', message: 'is missing: start the file with a YAML block between --- lines', line: 1 }])
  }
  let data: unknown
  try {
    data = parseYaml(split.yaml)
  } catch (error) {
    const line = error instanceof YAMLParseError ? (error.linePos?.[0]?.line ?? 0) + split.yamlLine - 1 : undefined
    throw new FrontMatterError(file, [{ key: 'yaml', message: `is not valid YAML: ${(error as Error).message.split('\n')[0]}`, line }])
  }
  const result = frontMatterSchema.safeParse(data ?? {})
  if (!result.success) {
    throw new FrontMatterError(
      file,
      result.error.issues.map((issue) => {
        const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : []
        const key = String(issue.path[0] ?? unknownKeys[0] ?? 'front matter')
        const received = issue.code === 'invalid_type' && issue.input === undefined
        return {
          key,
          message: received ? 'is required' : issue.message,
          line: lineOfKey(split.yaml, key, split.yamlLine),
        }
      }),
    )
  }
  return result.data
}
