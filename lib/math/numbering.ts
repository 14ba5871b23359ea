import { findCommands, outerEnvironment, replaceSpans, splitRows, type Environment } from './tex-source'

/**
 * How one display formula is numbered, following AMS/MathJax conventions:
 * `equation` and `multline` get one number; every row of `align`, `gather`,
 * `alignat`, `flalign` and `eqnarray` gets one unless it says
 * `\nonumber`/`\notag`; starred environments and bare `$$…$$` get none;
 * `\tag{…}` replaces the number without consuming one.
 *
 * The TeX given here has its comments blanked (tex-source.ts), so a
 * commented-out label or row does not count.
 */

/** Environments with a number on each row. */
export const ROW_NUMBERED = new Set(['align', 'gather', 'alignat', 'flalign', 'eqnarray'])
/** Environments that carry one number for the whole formula. */
export const SINGLE_NUMBERED = new Set(['equation', 'multline'])
/** Every environment that may stand alone as a display formula and be numbered. */
export const NUMBERABLE = new Set([...ROW_NUMBERED, ...SINGLE_NUMBERED])

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

export interface Tag {
  /** The TeX inside `\tag{…}`, which is text mode: `A`, `$\dagger$`, `3'`. */
  tex: string
  /** `\tag*{…}` is shown without parentheses. */
  starred: boolean
}

export interface PlannedRow {
  /** The row's TeX with \label, \tag, \nonumber and \notag removed. */
  tex: string
  separator: string
  label?: string
  /** Offset of the `\label` in the formula's TeX, for messages. */
  labelOffset?: number
  tag?: Tag
  /** True when the row takes the next number from the article's counter. */
  takesNumber: boolean
}

export interface EquationPlan {
  environment: Environment | null
  /** One entry per row that can show a number (one for single-number formulas). */
  rows: PlannedRow[]
  /** Whether any row shows a number or tag. */
  hasNumbers: boolean
}

interface RowMarks {
  tex: string
  label?: string
  labelOffset?: number
  tag?: Tag
  suppressed: boolean
}

/** Pulls \label, \tag and \nonumber out of one row (or one whole formula). */
function extractMarks(tex: string, baseOffset: number): RowMarks {
  const marks = findCommands(tex, ['label', 'tag'], ['nonumber', 'notag'])
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
  const tag = tags[0]
  return {
    tex: replaceSpans(tex, marks),
    label: labels[0]?.argument,
    labelOffset: labels[0] ? baseOffset + labels[0].start : undefined,
    tag: tag ? { tex: tag.argument, starred: tag.starred } : undefined,
    suppressed: marks.some((m) => m.name === 'nonumber' || m.name === 'notag'),
  }
}

export function planEquation(tex: string): EquationPlan {
  const environment = outerEnvironment(tex)
  const name = environment?.name ?? ''

  if (environment && ROW_NUMBERED.has(name)) {
    const rows: PlannedRow[] = splitRows(environment.body).map((row) => {
      const marks = extractMarks(row.tex, environment.bodyOffset + row.offset)
      return {
        tex: marks.tex,
        separator: row.separator,
        label: marks.label,
        labelOffset: marks.labelOffset,
        tag: marks.tag,
        takesNumber: !environment.starred && !marks.suppressed && !marks.tag,
      }
    })
    // A trailing `\\` leaves an empty last row; LaTeX does not number it, and
    // neither does MathJax.
    const last = rows[rows.length - 1]
    if (rows.length > 1 && last && last.tex.trim() === '' && !last.label && !last.tag) {
      rows.pop()
      rows[rows.length - 1]!.separator = ''
    }
    for (const row of rows) {
      if (row.label && !row.takesNumber && !row.tag) {
        throw new MathSyntaxError(
          `\\label{${row.label}} is on a line without a number (\\nonumber or starred environment); add \\tag{…} or remove the label`,
          row.labelOffset,
        )
      }
    }
    return { environment, rows, hasNumbers: rows.some((r) => r.takesNumber || r.tag !== undefined) }
  }

  const body = environment ? environment.body : tex
  const marks = extractMarks(body, environment ? environment.bodyOffset : 0)
  const numberedByDefault = environment !== null && SINGLE_NUMBERED.has(name) && !environment.starred
  const takesNumber = numberedByDefault && !marks.suppressed && !marks.tag
  if (marks.label && !takesNumber && !marks.tag) {
    throw new MathSyntaxError(
      `\\label{${marks.label}} is on an unnumbered formula; use \\begin{equation} … \\end{equation} or add \\tag{…}`,
      marks.labelOffset,
    )
  }
  const row: PlannedRow = {
    tex: marks.tex,
    separator: '',
    label: marks.label,
    labelOffset: marks.labelOffset,
    tag: marks.tag,
    takesNumber,
  }
  return { environment, rows: [row], hasNumbers: takesNumber || marks.tag !== undefined }
}
