/**
 * Blogs written for MathJax put numbered environments straight into the prose,
 * without `$$`: `…可得\begin{equation}x = y\label{eq:x}\end{equation}…`.
 * MathJax finds them anywhere; MDX would read their braces as JavaScript.
 * Before MDX sees an article, each such environment is moved onto `$$` lines
 * of its own, so it becomes display math like any other; the map of lines
 * keeps every later message pointing at the author's line.
 *
 * The same scan finds `\eqref`, `\ref` and `\label` written in prose, which
 * MathJax would accept and MDX cannot parse: they are reported with a clear
 * message, and wrapped in `$…$` so that the rest of the article still compiles
 * and every other problem is reported in the same run.
 */

export const BARE_ENVIRONMENTS = ['equation', 'align', 'gather', 'multline', 'alignat', 'eqnarray', 'flalign']

export interface PreparedSource {
  source: string
  /** `lines[n - 1]` is the author's line of prepared line n. */
  lines: number[]
  problems: { line: number; message: string }[]
}

const ENVIRONMENT = new RegExp(`\\\\begin\\{(${BARE_ENVIRONMENTS.join('|')})(\\*?)\\}`, 'y')
const PROSE_REFERENCE = /\\(eqref|ref|label)\{[^{}\n]*\}/y

/** Skips an inline code span or inline math starting at `i`; returns the index after it, or `i` when there is none. */
function skipInlineSpan(text: string, i: number): number {
  const char = text[i]
  if (char === '`') {
    const run = /^`+/.exec(text.slice(i))![0]
    const close = text.indexOf(run, i + run.length)
    return close === -1 ? i + run.length : close + run.length
  }
  if (char === '$') {
    const run = text.startsWith('$$', i) ? '$$' : '$'
    for (let j = i + run.length; j < text.length; j++) {
      if (text[j] === '\\') {
        j++
        continue
      }
      if (text.startsWith(run, j)) return j + run.length
    }
    return i + run.length
  }
  if (text.startsWith('{/*', i)) {
    const close = text.indexOf('*/}', i)
    return close === -1 ? text.length : close + 3
  }
  return i
}

/** Where `closing` is, searching from line `line`, column `from`; null when it never comes. */
function findClosing(lines: readonly string[], line: number, from: number, closing: string): { line: number; column: number } | null {
  for (let l = line; l < lines.length; l++) {
    const column = lines[l]!.indexOf(closing, l === line ? from : 0)
    if (column !== -1) return { line: l, column }
  }
  return null
}

export function prepareBareEnvironments(source: string): PreparedSource {
  const lines = source.split('\n')
  const out: string[] = []
  const origins: number[] = []
  const problems: PreparedSource['problems'] = []
  const emit = (text: string, origin: number) => {
    out.push(text)
    origins.push(origin)
  }

  let i = 0
  // Front matter is YAML: left alone.
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1)
    for (; i <= end; i++) emit(lines[i]!, i + 1)
  }

  let fence: string | null = null
  let mathBlock = false
  for (; i < lines.length; i++) {
    const line = lines[i]!
    const content = line.trimStart().replace(/^(>\s?)+/, '')
    if (fence) {
      if (content.startsWith(fence) && content.slice(fence.length).trim() === '') fence = null
      emit(line, i + 1)
      continue
    }
    const opening = /^(`{3,}|~{3,})/.exec(content)
    if (opening) {
      fence = opening[1]!
      emit(line, i + 1)
      continue
    }
    if (mathBlock || content.startsWith('$$')) {
      // A $$ block is math already, up to its closing $$.
      const body: string = mathBlock ? content : content.slice(2)
      mathBlock = !body.includes('$$')
      emit(line, i + 1)
      continue
    }

    // Prose: bare environments and stray references, outside inline code and math.
    // Inserted lines keep the container they are in: a quote's `>`, a list item's indentation.
    const container = /^([ \t>]*)((?:[-*+]|\d{1,9}[.)])[ \t]+)?/.exec(line)!
    const prefix = container[1]! + ' '.repeat(container[2]?.length ?? 0)
    let text = line
    let origin = i + 1
    /** Column of `text` within the author's line `origin`. */
    let offset = 0
    let pending = ''
    let cursor = 0
    let movedOut = false
    while (cursor < text.length) {
      const skipped = skipInlineSpan(text, cursor)
      if (skipped !== cursor) {
        pending += text.slice(cursor, skipped)
        cursor = skipped
        continue
      }
      ENVIRONMENT.lastIndex = cursor
      const environment = ENVIRONMENT.exec(text)
      if (environment) {
        const closing = `\\end{${environment[1]}${environment[2]}}`
        const start = offset + cursor
        const end = findClosing(lines, origin - 1, start, closing)
        if (!end) {
          problems.push({ line: origin, message: `\\begin{${environment[1]}${environment[2]}} has no matching ${closing}` })
          pending += text.slice(cursor)
          break
        }
        const tex: string[] = []
        for (let l = origin - 1; l <= end.line; l++) {
          const whole = lines[l]!
          const from = l === origin - 1 ? start : 0
          const to = l === end.line ? end.column + closing.length : whole.length
          const piece = whole.slice(from, to)
          // A blank line would end the $$ block in Markdown's eyes; in TeX a comment line is nothing.
          tex.push(piece.trim() === '' ? '%' : piece)
        }
        if (pending.trim() !== '') emit(pending, origin)
        emit(`${prefix}$$`, origin)
        tex.forEach((piece, k) => emit(k === 0 || !piece.startsWith(prefix) ? `${prefix}${piece}` : piece, origin + k))
        emit(`${prefix}$$`, end.line + 1)
        movedOut = true
        i = end.line
        origin = end.line + 1
        offset = end.column + closing.length
        text = lines[end.line]!.slice(offset)
        pending = prefix
        cursor = 0
        continue
      }
      PROSE_REFERENCE.lastIndex = cursor
      const reference = PROSE_REFERENCE.exec(text)
      if (reference) {
        const [written, name] = reference
        problems.push({
          line: origin,
          message:
            name === 'label'
              ? `${written} is written in prose; put it inside the equation it names`
              : `${written} is written outside math; write $${written}$ so that it links to the equation`,
        })
        pending += `$${written}$`
        cursor += written.length
        continue
      }
      pending += text[cursor]
      cursor++
    }
    // What follows an environment on its last line stays as prose; an empty rest adds no line.
    if (!movedOut || pending.trim() !== '') emit(pending, origin)
  }
  return { source: out.join('\n'), lines: origins, problems }
}
