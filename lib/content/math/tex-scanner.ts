/**
 * Just enough TeX scanning to find what KaTeX does not handle for us:
 * `\label`, `\tag`, `\nonumber`, `\eqref`/`\ref`, and the rows of an
 * alignment. Braces and nested environments are respected; everything else is
 * left to KaTeX.
 */

export interface CommandMatch {
  start: number
  end: number
  starred: boolean
  argument: string
}

/** Index just past the group that opens at `open` (a `{`), or -1 when unbalanced. */
function skipGroup(tex: string, open: number): number {
  let depth = 0
  for (let i = open; i < tex.length; i++) {
    const char = tex[i]
    if (char === '\\') {
      i++
      continue
    }
    if (char === '{') depth++
    else if (char === '}') {
      depth--
      if (depth === 0) return i + 1
    }
  }
  return -1
}

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z]/.test(char)
}

/**
 * Every `\name{argument}` (or `\name*{argument}`) in `tex`, in order. A command
 * without a braced argument, or with an unbalanced one, is reported with
 * `argument` set to the empty string so callers can complain.
 */
export function findCommands(tex: string, names: readonly string[]): (CommandMatch & { name: string })[] {
  const found: (CommandMatch & { name: string })[] = []
  for (let i = 0; i < tex.length; i++) {
    if (tex[i] !== '\\') continue
    let j = i + 1
    while (isLetter(tex[j])) j++
    const name = tex.slice(i + 1, j)
    if (j === i + 1) {
      i++ // escaped symbol such as \{ or \\
      continue
    }
    if (!names.includes(name)) {
      i = j - 1
      continue
    }
    let k = j
    let starred = false
    if (tex[k] === '*') {
      starred = true
      k++
    }
    while (tex[k] === ' ') k++
    if (tex[k] === '{') {
      const end = skipGroup(tex, k)
      if (end !== -1) {
        found.push({ name, start: i, end, starred, argument: tex.slice(k + 1, end - 1).trim() })
        i = end - 1
        continue
      }
    }
    found.push({ name, start: i, end: k, starred, argument: '' })
    i = k - 1
  }
  return found
}

/** Removes the given spans from `tex`. Spans must not overlap. */
export function removeSpans(tex: string, spans: readonly { start: number; end: number }[]): string {
  let result = ''
  let cursor = 0
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    result += tex.slice(cursor, span.start)
    cursor = span.end
  }
  return result + tex.slice(cursor)
}

export interface Row {
  /** The row's TeX, without its terminating `\\`. */
  tex: string
  /** The `\\` (with an optional `[…]` spacing argument) that ended the row, or '' for the last. */
  separator: string
}

/**
 * Splits the body of an alignment environment into rows at every top-level `\\`,
 * ignoring those inside braces or nested environments (cases, matrices, aligned…).
 */
export function splitRows(body: string): Row[] {
  const rows: Row[] = []
  let braceDepth = 0
  let envDepth = 0
  let rowStart = 0
  for (let i = 0; i < body.length; i++) {
    const char = body[i]
    if (char === '{') braceDepth++
    else if (char === '}') braceDepth--
    if (char !== '\\') continue
    const next = body[i + 1]
    if (next === '\\') {
      if (braceDepth === 0 && envDepth === 0) {
        let end = i + 2
        const spacing = /^\s*\[[^\]]*\]/.exec(body.slice(end))
        if (spacing) end += spacing[0].length
        rows.push({ tex: body.slice(rowStart, i), separator: body.slice(i, end) })
        rowStart = end
        i = end - 1
      } else {
        i++
      }
      continue
    }
    if (body.startsWith('begin{', i + 1)) envDepth++
    else if (body.startsWith('end{', i + 1)) envDepth--
    if (!isLetter(next)) i++
  }
  rows.push({ tex: body.slice(rowStart), separator: '' })
  return rows
}

export interface Environment {
  name: string
  starred: boolean
  /** Argument right after \begin{…}, e.g. `{2}` of alignat; kept verbatim. */
  argument: string
  body: string
}

/**
 * The environment that makes up the whole of a display formula, if there is one:
 * `\begin{align} … \end{align}` with nothing but whitespace around it.
 */
export function outerEnvironment(tex: string): Environment | null {
  const trimmed = tex.trim()
  const open = /^\\begin\{([A-Za-z]+)(\*?)\}/.exec(trimmed)
  if (!open) return null
  const [, name = '', star = ''] = open
  const closing = `\\end{${name}${star}}`
  if (!trimmed.endsWith(closing)) return null
  let inner = trimmed.slice(open[0].length, trimmed.length - closing.length)
  // The same environment opened again inside means the outer \end we found is not ours.
  if (inner.includes(`\\begin{${name}${star}}`)) return null
  let argument = ''
  const argMatch = /^\s*\{[^{}]*\}/.exec(inner)
  if (name === 'alignat' && argMatch) {
    argument = argMatch[0].trim()
    inner = inner.slice(argMatch[0].length)
  }
  return { name, starred: star === '*', argument, body: inner }
}

/** 1-based line of `offset` within `text`. */
export function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++
  return line
}
