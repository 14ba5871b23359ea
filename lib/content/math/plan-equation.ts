import { findCommands, outerEnvironment, removeSpans, splitRows, type Environment } from './tex-scanner'

/**
 * How one display formula is numbered, following AMS/MathJax conventions:
 * `equation` and `multline` get one number; every row of `align`, `gather`,
 * `alignat` and `flalign` gets one unless it says `\nonumber`/`\notag`;
 * starred environments and bare `$$…$$` get none; `\tag{…}` replaces the number
 * without consuming one.
 */

/** Environments KaTeX renders with a cell for an equation number on each row. */
const ROW_NUMBERED = new Set(['align', 'gather', 'alignat', 'flalign'])
/** Environments that carry one number for the whole formula. */
const SINGLE_NUMBERED = new Set(['equation', 'multline'])

export class MathSyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based offset in the formula's TeX, when known. */
    readonly offset?: number,
  ) {
    super(message)
    this.name = 'MathSyntaxError'
  }
}

export interface PlannedRow {
  /** The row's TeX with \label, \tag, \nonumber and \notag removed. */
  tex: string
  separator: string
  label?: string
  /** `\tag{…}` text; `starred` for `\tag*{…}`, shown without parentheses. */
  tag?: { text: string; starred: boolean }
  /** True when the row takes the next number from the article's counter. */
  takesNumber: boolean
}

export interface EquationPlan {
  environment: Environment | null
  /** One entry per row that can show a number (one for single-number formulas). */
  rows: PlannedRow[]
  /** Whether any row shows a number or tag, i.e. whether KaTeX must draw number cells. */
  hasNumbers: boolean
}

interface RowMarks {
  tex: string
  label?: string
  tag?: { text: string; starred: boolean }
  suppressed: boolean
}

/** Pulls \label, \tag and \nonumber out of one row (or one whole formula). */
function extractMarks(tex: string, baseOffset: number): RowMarks {
  const marks = findCommands(tex, ['label', 'tag', 'nonumber', 'notag'])
  const labels = marks.filter((m) => m.name === 'label')
  const tags = marks.filter((m) => m.name === 'tag')
  for (const mark of [...labels, ...tags]) {
    if (!mark.argument) {
      throw new MathSyntaxError(`\\${mark.name} needs a braced argument, e.g. \\${mark.name}{eq:name}`, baseOffset + mark.start)
    }
  }
  if (labels.length > 1) {
    throw new MathSyntaxError(
      `One equation has two labels (${labels.map((l) => l.argument).join(', ')}); give each numbered line its own`,
      baseOffset + labels[1]!.start,
    )
  }
  if (tags.length > 1) {
    throw new MathSyntaxError('One equation has two \\tag commands', baseOffset + tags[1]!.start)
  }
  // \nonumber and \notag take no argument: drop only the command itself.
  const spans = marks.map((m) => (m.name === 'nonumber' || m.name === 'notag' ? { start: m.start, end: m.start + m.name.length + 1 } : m))
  const tag = tags[0]
  return {
    tex: removeSpans(tex, spans),
    label: labels[0]?.argument,
    tag: tag ? { text: tag.argument, starred: tag.starred } : undefined,
    suppressed: marks.some((m) => m.name === 'nonumber' || m.name === 'notag'),
  }
}

export function planEquation(tex: string): EquationPlan {
  const environment = outerEnvironment(tex)
  const name = environment?.name ?? ''

  if (environment && ROW_NUMBERED.has(name)) {
    const bodyOffset = tex.indexOf(environment.body)
    const rows: PlannedRow[] = []
    let offset = bodyOffset
    for (const row of splitRows(environment.body)) {
      const marks = extractMarks(row.tex, offset)
      offset += row.tex.length + row.separator.length
      rows.push({
        tex: marks.tex,
        separator: row.separator,
        label: marks.label,
        tag: marks.tag,
        takesNumber: !environment.starred && !marks.suppressed && !marks.tag,
      })
    }
    // A trailing `\\` leaves an empty last row; KaTeX drops it, and numbering it
    // would only surprise the author.
    const last = rows[rows.length - 1]
    if (rows.length > 1 && last && last.tex.trim() === '' && !last.label && !last.tag) {
      rows.pop()
      rows[rows.length - 1]!.separator = ''
    }
    for (const row of rows) {
      if (row.label && !row.takesNumber && !row.tag) {
        throw new MathSyntaxError(`\\label{${row.label}} is on a line without a number (\\nonumber or starred environment); add \\tag{…} or remove the label`)
      }
    }
    return { environment, rows, hasNumbers: rows.some((r) => r.takesNumber || r.tag) }
  }

  const bodyOffset = environment ? tex.indexOf(environment.body) : 0
  const marks = extractMarks(environment ? environment.body : tex, bodyOffset)
  const numberedByDefault = environment !== null && SINGLE_NUMBERED.has(name) && !environment.starred
  const takesNumber = numberedByDefault && !marks.suppressed && !marks.tag
  if (marks.label && !takesNumber && !marks.tag) {
    throw new MathSyntaxError(
      `\\label{${marks.label}} is on an unnumbered formula; use \\begin{equation} … \\end{equation} or add \\tag{…}`,
    )
  }
  const row: PlannedRow = { tex: marks.tex, separator: '', label: marks.label, tag: marks.tag, takesNumber }
  return { environment, rows: [row], hasNumbers: takesNumber || marks.tag !== undefined }
}

/** TeX handed to KaTeX: numbering marks removed, environment chosen so number cells exist when needed. */
export function katexSourceFor(plan: EquationPlan): string {
  const env = plan.environment
  if (env && ROW_NUMBERED.has(env.name)) {
    const name = plan.hasNumbers ? env.name : `${env.name}*`
    const body = plan.rows.map((row) => row.tex + row.separator).join('')
    return `\\begin{${name}}${env.argument}${body}\\end{${name}}`
  }
  const row = plan.rows[0]!
  if (env?.name === 'multline') {
    // KaTeX has no multline; an aligned block with indented continuation lines is close.
    const lines = splitRows(row.tex)
      .map((line, index) => `${index === 0 ? '&' : '&\\qquad '}${line.tex}`)
      .join('\\\\')
    const inner = `\\begin{aligned}${lines}\\end{aligned}`
    return plan.hasNumbers ? `\\begin{equation}${inner}\\end{equation}` : inner
  }
  if (env?.name === 'equation') {
    return plan.hasNumbers ? `\\begin{equation}${row.tex}\\end{equation}` : row.tex
  }
  // Anything else (bare $$…$$, a top-level aligned or gathered…) keeps its own
  // environment, wrapped in `equation` when a \tag gives it a number cell.
  const star = env?.starred ? '*' : ''
  const content = env ? `\\begin{${env.name}${star}}${env.argument}${row.tex}\\end{${env.name}${star}}` : row.tex
  return plan.hasNumbers ? `\\begin{equation}${content}\\end{equation}` : content
}
