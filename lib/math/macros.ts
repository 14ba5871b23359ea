import type { Macros } from './render-formulas'

export class MacroFileError extends Error {
  constructor(message: string, readonly line: number) {
    super(message)
    this.name = 'MacroFileError'
  }
}

/**
 * Reads `\newcommand{\name}[n]{body}` lines (comments with `%`) into KaTeX's
 * macro table. KaTeX infers the argument count from `#1…#n` in the body.
 */
export function parseMacroFile(source: string): Macros {
  const macros: Macros = {}
  source.split('\n').forEach((raw, index) => {
    const line = raw.replace(/(^|[^\\])%.*$/, '$1').trim()
    if (!line) return
    const match = /^\\(?:re)?newcommand\s*\{\s*(\\[A-Za-z]+)\s*\}\s*(?:\[(\d)\])?\s*/.exec(line)
    const rest = match ? line.slice(match[0].length) : ''
    const body = match && rest.startsWith('{') && rest.endsWith('}') ? rest.slice(1, -1) : undefined
    if (!match || body === undefined) {
      throw new MacroFileError(`Expected \\newcommand{\\name}{body}, found "${line}"`, index + 1)
    }
    macros[match[1]!] = body
  })
  return macros
}

/** Front-matter macros: `{ "\\v": "\\boldsymbol{#1}" }`; names must be commands. */
export function validateMacroNames(macros: Record<string, string>): string[] {
  return Object.keys(macros).filter((name) => !/^\\[A-Za-z]+$/.test(name))
}

