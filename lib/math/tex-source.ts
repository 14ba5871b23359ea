/**
 * Just enough TeX scanning to find what KaTeX does not handle for us:
 * comments, `\label`, `\tag`, `\nonumber`, `\eqref`/`\ref`, and the rows of
 * an alignment. Braces and nested environments are respected; everything else
 * is left to KaTeX. Every function works on TeX whose comments were blanked
 * (`blankComments`), so offsets stay those of the author's source.
 */

export interface CommandMatch {
  name: string
  start: number
  end: number
  starred: boolean
  argument: string
}

/**
 * `%` starts a comment to the end of the line, as in TeX and MathJax, unless it
 * is escaped (`\%`). Comments are replaced by spaces of the same length rather
 * than removed, so that offsets and line numbers still point into the source;
 * math mode ignores the spaces. A commented-out `\label`, row or environment
 * then no longer counts.
 */
export function blankComments(tex: string): string {
  if (!tex.includes('%')) return tex
  let out = ''
  for (let i = 0; i < tex.length; i++) {
    const char = tex[i]!
    if (char === '\\') {
      // A control symbol such as \% or \\ is two characters; neither starts a comment.
      out += tex.slice(i, i + 2)
      i++
      continue
    }
    if (char !== '%') {
      out += char
      continue
    }
    const end = tex.indexOf('\n', i)
    const stop = end === -1 ? tex.length : end
    out += ' '.repeat(stop - i)
    i = stop - 1
  }
  return out
}

/** Index just past the group that opens at `open` (a `{`), or -1 when unbalanced. */
export function skipGroup(tex: string, open: number): number {
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
  return char !== undefined && ((char >= 'A' && char <= 'Z') || (char >= 'a' && char <= 'z'))
}

/**
 * Every `\name{argument}` (or `\name*{argument}`) in `tex`, in order. A command
 * without a braced argument, or with an unbalanced one, is reported with
 * `argument` set to the empty string so callers can complain. Names listed in
 * `bare` take no argument (`\nonumber`).
 */
export function findCommands(tex: string, names: readonly string[], bare: readonly string[] = []): CommandMatch[] {
  const found: CommandMatch[] = []
  for (let i = 0; i < tex.length; i++) {
    if (tex[i] !== '\\') continue
    let j = i + 1
    while (isLetter(tex[j])) j++
    const name = tex.slice(i + 1, j)
    if (j === i + 1) {
      i++ // a control symbol such as \{ or \\
      continue
    }
    if (bare.includes(name)) {
      found.push({ name, start: i, end: j, starred: false, argument: '' })
      i = j - 1
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
    while (tex[k] === ' ' || tex[k] === '\n' || tex[k] === '\t') k++
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

/** `tex` with each span replaced by the matching entry of `replacements` (or removed). */
export function replaceSpans(tex: string, spans: readonly { start: number; end: number; replacement?: string }[]): string {
  let result = ''
  let cursor = 0
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    result += tex.slice(cursor, span.start) + (span.replacement ?? '')
    cursor = span.end
  }
  return result + tex.slice(cursor)
}

/** `tex` with each span replaced by spaces, so that offsets after it do not move. */
export function blankSpans(tex: string, spans: readonly { start: number; end: number }[]): string {
  return replaceSpans(
    tex,
    spans.map((span) => ({ ...span, replacement: ' '.repeat(span.end - span.start) })),
  )
}

export interface Row {
  /** The row's TeX, without its terminating `\\`. */
  tex: string
  /** The `\\` (with an optional `[…]` spacing argument) that ended the row, or '' for the last. */
  separator: string
  /** Offset of the row in the text that was split. */
  offset: number
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
    if (next === '\\' || (next === 'c' && body.startsWith('cr', i + 1) && !isLetter(body[i + 3]))) {
      const length = next === '\\' ? 2 : 3
      if (braceDepth === 0 && envDepth === 0) {
        let end = i + length
        const spacing = /^\s*\[[^\]]*\]/.exec(body.slice(end))
        if (spacing) end += spacing[0].length
        rows.push({ tex: body.slice(rowStart, i), separator: body.slice(i, end), offset: rowStart })
        rowStart = end
        i = end - 1
      } else {
        i += length - 1
      }
      continue
    }
    if (body.startsWith('begin{', i + 1)) envDepth++
    else if (body.startsWith('end{', i + 1)) envDepth--
    if (!isLetter(next)) i++
  }
  rows.push({ tex: body.slice(rowStart), separator: '', offset: rowStart })
  return rows
}

/** Splits one row of an alignment into its cells at top-level `&`. */
export function splitCells(row: string): string[] {
  const cells: string[] = []
  let depth = 0
  let envDepth = 0
  let start = 0
  for (let i = 0; i < row.length; i++) {
    const char = row[i]
    if (char === '\\') {
      if (row.startsWith('begin{', i + 1)) envDepth++
      else if (row.startsWith('end{', i + 1)) envDepth--
      i++
      continue
    }
    if (char === '{') depth++
    else if (char === '}') depth--
    else if (char === '&' && depth === 0 && envDepth === 0) {
      cells.push(row.slice(start, i))
      start = i + 1
    }
  }
  cells.push(row.slice(start))
  return cells
}

export interface Environment {
  name: string
  starred: boolean
  /** Argument right after \begin{…}, e.g. `{2}` of alignat; kept verbatim. */
  argument: string
  body: string
  /** Offset of the body in the formula's TeX. */
  bodyOffset: number
}

/**
 * The environment that makes up the whole of a display formula, if there is one:
 * `\begin{align} … \end{align}` with nothing but whitespace around it.
 */
export function outerEnvironment(tex: string): Environment | null {
  const leading = tex.length - tex.trimStart().length
  const trimmed = tex.trim()
  const open = /^\\begin\s*\{([A-Za-z]+)(\*?)\}/.exec(trimmed)
  if (!open) return null
  const [, name = '', star = ''] = open
  const closing = new RegExp(`\\\\end\\s*\\{${name}${star ? '\\*' : ''}\\}$`).exec(trimmed)
  if (!closing) return null
  let inner = trimmed.slice(open[0].length, closing.index)
  // The same environment opened again inside means the outer \end we found is not ours.
  if (inner.includes(`\\begin{${name}${star}}`)) return null
  let bodyOffset = leading + open[0].length
  let argument = ''
  const argMatch = /^\s*\{[^{}]*\}/.exec(inner)
  if (name === 'alignat' && argMatch) {
    argument = argMatch[0].trim()
    inner = inner.slice(argMatch[0].length)
    bodyOffset += argMatch[0].length
  }
  return { name, starred: star === '*', argument, body: inner, bodyOffset }
}

/** 1-based line of `offset` within `text`. */
export function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++
  return line
}
