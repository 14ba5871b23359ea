import katex from 'katex'
import { adaptToMathmlCore } from './mathml-core'
import { katexSourceFor, MathSyntaxError, planEquation, type EquationPlan } from './plan-equation'
import { findCommands, removeSpans } from './tex-scanner'

/**
 * Renders every formula of one article with KaTeX (MathML output only: a light
 * DOM that the browser typesets natively) and adds what KaTeX lacks: AMS
 * equation numbers counted across the article, `\label`, and `\eqref`/`\ref`
 * links that work before or after their target (KaTeX issues #2003 and #350).
 */

export interface MathSource {
  tex: string
  display: boolean
}

export interface EquationLabel {
  key: string
  /** What `\ref` prints: "3", or the text of a `\tag`. */
  text: string
  /** Element id of the number cell the links point at. */
  anchor: string
}

export interface MathProblem {
  /** Index into the sources array. */
  index: number
  message: string
  /** 0-based offset inside that formula's TeX, when known. */
  offset?: number
}

export interface RenderedArticleMath {
  /** One HTML string per source, in order; empty for a formula that failed. */
  html: string[]
  labels: Map<string, EquationLabel>
  problems: MathProblem[]
}

export type Macros = Record<string, string>

// KaTeX options shared by articles and comments: no \href/\url/\html* (trust off),
// bounded macro expansion and sizes so no formula can hang or blow up a page.
export const safeKatexOptions = {
  output: 'mathml',
  throwOnError: true,
  trust: false,
  strict: 'ignore',
  maxExpand: 1000,
  maxSize: 20,
} as const

const REF_PLACEHOLDER = /ZZREF(\d+)ZZ/g

export function anchorFor(key: string): string {
  return `eqn-${key.replace(/[^A-Za-z0-9_-]+/g, '-')}`
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function refLinkHtml(label: EquationLabel, withParens: boolean, hrefBase = ''): string {
  const text = withParens ? `(${label.text})` : label.text
  return `<a class="eqref" href="${escapeHtml(hrefBase)}#${label.anchor}">${escapeHtml(text)}</a>`
}

/** KaTeX wraps MathML in a span and keeps the TeX as an annotation; we need neither. */
function trimKatexWrapper(html: string): string {
  return html
    .replace(/^<span class="katex">/, '')
    .replace(/<\/span>$/, '')
    .replace(/<semantics>/, '')
    .replace(/<annotation encoding="application\/x-tex">[\s\S]*?<\/annotation><\/semantics>/, '')
}

interface RowDisplay {
  text: string
  anchor?: string
}

export interface RenderMathOptions {
  /**
   * Labels defined elsewhere that `\eqref` may point at: a comment refers to the
   * equations of the article it is under.
   */
  externalLabels?: ReadonlyMap<string, EquationLabel>
  /** Prefix for reference links, e.g. the article URL when rendered off the article page. */
  hrefBase?: string
}

export function renderArticleMath(
  sources: readonly MathSource[],
  sharedMacros: Macros,
  options: RenderMathOptions = {},
): RenderedArticleMath {
  const problems: MathProblem[] = []
  const labels = new Map<string, EquationLabel>(options.externalLabels ?? [])
  const plans: (EquationPlan | null)[] = []
  const rowDisplays: RowDisplay[][] = []
  const usedAnchors = new Set<string>()

  // Pass 1: number every display formula in reading order and collect labels,
  // so that references can point forwards as well as backwards.
  let counter = 0
  sources.forEach((source, index) => {
    plans[index] = null
    rowDisplays[index] = []
    if (!source.display) {
      const stray = findCommands(source.tex, ['label', 'tag'])[0]
      if (stray) {
        problems.push({ index, offset: stray.start, message: `\\${stray.name} only works in display math ($$…$$)` })
      }
      return
    }
    let plan: EquationPlan
    try {
      plan = planEquation(source.tex)
    } catch (error) {
      if (!(error instanceof MathSyntaxError)) throw error
      problems.push({ index, offset: error.offset, message: error.message })
      return
    }
    plans[index] = plan
    if (!plan.hasNumbers) return
    rowDisplays[index] = plan.rows.map((row) => {
      let text: string | undefined
      let display = ''
      if (row.tag) {
        text = row.tag.text
        display = row.tag.starred ? row.tag.text : `(${row.tag.text})`
      } else if (row.takesNumber) {
        counter++
        text = String(counter)
        display = `(${counter})`
      }
      if (!row.label || text === undefined) return { text: display }
      if (labels.has(row.label)) {
        problems.push({ index, message: `Duplicate \\label{${row.label}}: each label may appear once per article` })
        return { text: display }
      }
      let anchor = anchorFor(row.label)
      for (let n = 2; usedAnchors.has(anchor); n++) anchor = `${anchorFor(row.label)}-${n}`
      usedAnchors.add(anchor)
      labels.set(row.label, { key: row.label, text, anchor })
      return { text: display, anchor }
    })
  })

  // Pass 2: render, with references resolved against the complete label table.
  const macros: Macros = { ...sharedMacros }
  const html = sources.map((source, index) => {
    const plan = plans[index]
    if (source.display && !plan) return ''
    const links: string[] = []
    const refs = findCommands(source.tex, ['eqref', 'ref'])
    let tex = source.tex
    if (refs.length > 0) {
      const unresolved = refs.find((ref) => !labels.has(ref.argument))
      if (unresolved) {
        problems.push({
          index,
          offset: unresolved.start,
          message: `Unknown \\${unresolved.name}{${unresolved.argument}}: no \\label{${unresolved.argument}} in this article`,
        })
        return ''
      }
      // The common case, "由$\eqref{eq:a}$可得", needs no MathML at all.
      const only = refs[0]!
      if (!source.display && refs.length === 1 && removeSpans(tex, [only]).trim() === '') {
        return refLinkHtml(labels.get(only.argument)!, only.name === 'eqref', options.hrefBase)
      }
      const placeholders = refs.map((ref) => {
        links.push(refLinkHtml(labels.get(ref.argument)!, ref.name === 'eqref', options.hrefBase))
        return { ...ref, replacement: `\\text{ZZREF${links.length - 1}ZZ}` }
      })
      let rebuilt = ''
      let cursor = 0
      for (const ref of placeholders) {
        rebuilt += tex.slice(cursor, ref.start) + ref.replacement
        cursor = ref.end
      }
      tex = rebuilt + tex.slice(cursor)
    }

    let katexSource = tex
    if (plan) {
      // Re-plan the ref-substituted TeX; numbering marks are unaffected by the substitution.
      katexSource = katexSourceFor(planEquation(tex))
    }
    let rendered: string
    try {
      rendered = katex.renderToString(katexSource, { ...safeKatexOptions, displayMode: source.display, macros })
    } catch (error) {
      const message = error instanceof katex.ParseError ? error.message : String(error)
      const position = error instanceof katex.ParseError ? error.position : undefined
      problems.push({ index, message, offset: plan ? undefined : position })
      return ''
    }
    rendered = trimKatexWrapper(rendered).replace(REF_PLACEHOLDER, (_, i: string) => links[Number(i)] ?? '')
    if (plan?.hasNumbers) rendered = fillNumberCells(rendered, rowDisplays[index]!, index, problems, macros)
    rendered = adaptToMathmlCore(rendered)
    return source.display ? rendered : wrapLongInline(rendered)
  })

  return { html, labels, problems }
}

/** A number or \\tag is text mode, like in LaTeX, so `\\tag{$\\dagger$}` typesets its math. */
function renderTagContent(text: string, macros: Macros, index: number, problems: MathProblem[]): string {
  if (/^[\w().*\s-]*$/.test(text)) return `<mtext>${escapeHtml(text)}</mtext>`
  try {
    const rendered = katex.renderToString(`\\text{${text}}`, { ...safeKatexOptions, macros })
    return trimKatexWrapper(rendered).replace(/^<math[^>]*>/, '').replace(/<\/math>$/, '')
  } catch (error) {
    problems.push({ index, message: `\\tag{${text}}: ${error instanceof Error ? error.message : String(error)}` })
    return `<mtext>${escapeHtml(text)}</mtext>`
  }
}

// Inline MathML cannot break across lines; above about this many glyphs a formula
// may be wider than a phone, so it gets a box that scrolls instead of the page.
const LONG_INLINE_LEAVES = 18

function wrapLongInline(html: string): string {
  const leaves = html.match(/<(mi|mn|mo|mtext)[\s>]/g)?.length ?? 0
  return leaves > LONG_INLINE_LEAVES ? `<span class="math-scroll">${html}</span>` : html
}

const NUMBER_CELL = /<mtd class ="mml-eqn-num"><\/mtd>/g

/** KaTeX leaves one empty number cell per row; put our numbers (and anchors) in them. */
function fillNumberCells(html: string, rows: RowDisplay[], index: number, problems: MathProblem[], macros: Macros): string {
  let row = 0
  const filled = html.replace(NUMBER_CELL, () => {
    const display = rows[row++]
    if (!display?.text) return '<mtd class="eqn-num"></mtd>'
    const id = display.anchor ? ` id="${display.anchor}"` : ''
    return `<mtd class="eqn-num"${id}>${renderTagContent(display.text, macros, index, problems)}</mtd>`
  })
  if (row !== rows.length) {
    problems.push({ index, message: `Internal: KaTeX drew ${row} number cells for ${rows.length} rows` })
  }
  // The outermost table spans the column so that numbers sit at the right margin.
  return filled.replace('<mtable', '<mtable class="numbered"')
}
