import katex from 'katex'
import { formulaMarkup, formulaErrorMarkup, type FormulaKind } from './markup'
import { MathSyntaxError, NUMBERABLE, planEquation, ROW_NUMBERED, type EquationPlan, type PlannedRow, type Tag } from './numbering'
import { blankComments, blankSpans, findCommands, replaceSpans, splitCells, splitRows } from './tex-source'

/**
 * The one math renderer: articles, excerpts, summaries, feeds, mail and
 * comments all come here, and differ only in options. KaTeX does the
 * typesetting (its HTML, laid out with its CSS and fonts exactly as KaTeX lays
 * it out, plus MathML for assistive technology); this module adds what KaTeX
 * lacks: AMS numbering counted across an article, `\label`, `\eqref`/`\ref`
 * that work before or after their target (KaTeX issues #2003 and #350),
 * TeX comments, `multline` and `eqnarray`, and macros that persist from one
 * formula to the next as in MathJax.
 */

export type Macros = Record<string, string>

export interface MathSource {
  tex: string
  display: boolean
  /** Display math written inside a paragraph (`text $$x$$ text`): a block-level span, not a div. */
  inParagraph?: boolean
}

export interface EquationLabel {
  key: string
  /** What `\ref` prints, as text-mode TeX: "3", or the TeX of a `\tag` ("$\dagger$"). */
  text: string
  /** Element id of the number the links point at. */
  anchor: string
}

export interface MathProblem {
  /** Index into the sources array. */
  index: number
  message: string
  /** 0-based offset inside that formula's TeX, when known. */
  offset?: number
  /** Where an earlier, conflicting definition is (a duplicate label's first \label). */
  related?: { index: number; offset?: number }
}

export interface RenderedMath {
  /** Complete markup of each formula, in order; '' for one that failed (unless errors are shown inline). */
  html: string[]
  labels: Map<string, EquationLabel>
  problems: MathProblem[]
}

export interface KatexLimits {
  /** Macro expansions per formula (KaTeX's own limit). */
  maxExpand: number
  /** Largest explicit size (\rule, \kern, \raisebox…) in em. */
  maxSize: number
}

export const ARTICLE_LIMITS: KatexLimits = { maxExpand: 1000, maxSize: 20 }

export interface RenderMathOptions {
  macros: Macros
  /**
   * 'html' (pages): KaTeX's HTML with hidden MathML for screen readers.
   * 'mathml' (feeds, mail): MathML only, for readers that typeset it themselves.
   */
  output?: 'html' | 'mathml'
  /** Articles number equations; comments show environments without numbers. */
  numbered?: boolean
  /**
   * Labels defined elsewhere that `\eqref` may point at: a comment refers to the
   * equations of the article it is under.
   */
  externalLabels?: ReadonlyMap<string, EquationLabel>
  /** Prefix for reference links, e.g. the article URL when rendered off the article page. */
  hrefBase?: string
  limits?: KatexLimits
  /** Comments: a formula that cannot be rendered shows as its source, marked, instead of ''. */
  showErrorsInline?: boolean
  /** A caller's own limits on the TeX (comments): the reason to refuse a formula, or null. */
  refuse?: (tex: string) => string | null
}

export function anchorFor(key: string): string {
  return `eqn-${key.replace(/[^A-Za-z0-9_-]+/g, '-')}`
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** What one numbered row shows: its number or tag (as text-mode TeX) and the anchor of that number. */
interface RowNumber {
  /** Text-mode TeX shown in the number slot, parentheses included: "(3)", "($\dagger$)", "star". */
  display: string
  anchor: string
}

/** The source a reader copies: the author's TeX without comments and without `\label`. */
export function copyableTex(blanked: string): string {
  const labels = findCommands(blanked, ['label'])
  return replaceSpans(blanked, labels)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim()
}

// Placeholders for ids and links that only this module may produce: KaTeX is
// told to trust \htmlId and \href only with them, so an author's or a member's
// own \href stays refused, and cannot forge an equation link either.
function placeholderPrefix(): string {
  return `zq${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`
}

export function renderFormulas(sources: readonly MathSource[], options: RenderMathOptions): RenderedMath {
  const problems: MathProblem[] = []
  const labels = new Map<string, EquationLabel>(options.externalLabels ?? [])
  const labelOrigins = new Map<string, { index: number; offset?: number }>()
  const numbered = options.numbered ?? true
  const output = options.output ?? 'html'
  const limits = options.limits ?? ARTICLE_LIMITS
  const blanked = sources.map((source) => blankComments(source.tex))
  const plans: (EquationPlan | null)[] = []
  const rowNumbers: (RowNumber | null)[][] = []
  const usedAnchors = new Set<string>([...labels.values()].map((label) => label.anchor))
  const claimAnchor = (wanted: string) => {
    let anchor = wanted
    for (let n = 2; usedAnchors.has(anchor); n++) anchor = `${wanted}-${n}`
    usedAnchors.add(anchor)
    return anchor
  }

  // Pass 1: number every display formula in reading order and collect labels,
  // so that references can point forwards as well as backwards.
  let counter = 0
  const pending: { index: number; row: number; plan: PlannedRow; value: string }[] = []
  sources.forEach((source, index) => {
    plans[index] = null
    rowNumbers[index] = []
    const tex = blanked[index]!
    if (!source.display) {
      const stray = findCommands(tex, ['label', 'tag'])[0]
      if (stray) problems.push({ index, offset: stray.start, message: `\\${stray.name} only works in display math ($$…$$)` })
      return
    }
    let plan: EquationPlan
    try {
      plan = planEquation(tex)
    } catch (error) {
      if (!(error instanceof MathSyntaxError)) throw error
      problems.push({ index, offset: error.offset, message: error.message })
      return
    }
    plans[index] = plan
    if (!numbered || !plan.hasNumbers) return
    plan.rows.forEach((row, rowIndex) => {
      let value: string | undefined
      if (row.tag) value = row.tag.tex
      else if (row.takesNumber) value = String(++counter)
      if (value !== undefined) pending.push({ index, row: rowIndex, plan: row, value })
    })
  })
  // Anchors: labels first, so that `\label{eq:x}` keeps `eqn-eq-x` whatever the numbers are.
  const anchors = new Map<(typeof pending)[number], string>()
  for (const entry of pending) {
    const label = entry.plan.label
    if (!label) continue
    if (labels.has(label)) {
      const first = labelOrigins.get(label)
      problems.push({
        index: entry.index,
        offset: entry.plan.labelOffset,
        message: `Duplicate \\label{${label}}: each label may appear once per article`,
        related: first,
      })
      continue
    }
    const anchor = claimAnchor(anchorFor(label))
    anchors.set(entry, anchor)
    labels.set(label, { key: label, text: entry.value, anchor })
    labelOrigins.set(label, { index: entry.index, offset: entry.plan.labelOffset })
  }
  for (const entry of pending) {
    const anchor = anchors.get(entry) ?? claimAnchor(anchorFor(entry.plan.tag ? `tag-${entry.value}` : entry.value))
    const shown = entry.plan.tag?.starred ? entry.value : `(${entry.value})`
    rowNumbers[entry.index]![entry.row] = { display: shown, anchor }
  }

  // Pass 2: render in order, with references resolved against the complete
  // label table. One macro table for the whole call: a \newcommand in one
  // formula stays defined for the ones after it, as in MathJax.
  const macros: Macros = { ...options.macros }
  const prefix = placeholderPrefix()
  const html = sources.map((source, index) => {
    const tex = blanked[index]!
    const plan = plans[index]
    const kind: FormulaKind = !source.display ? 'inline' : source.inParagraph ? 'display-in-paragraph' : 'display'
    const fail = (message: string, offset?: number) => {
      problems.push({ index, message, offset })
      return options.showErrorsInline ? formulaErrorMarkup(source.tex, source.display, message) : ''
    }
    const refusal = options.refuse?.(source.tex)
    if (refusal) return fail(refusal)
    if (source.display && !plan) {
      const known = problems.find((p) => p.index === index)
      return options.showErrorsInline ? formulaErrorMarkup(source.tex, true, known?.message ?? '') : ''
    }

    // References become links through placeholders KaTeX lays out like the text they show.
    const refs = findCommands(tex, ['eqref', 'ref'])
    const links: string[] = []
    const unresolved = refs.find((ref) => !labels.has(ref.argument))
    if (unresolved) {
      return fail(`Unknown \\${unresolved.name}{${unresolved.argument}}: no \\label{${unresolved.argument}} in this article`, unresolved.start)
    }
    const withLinks = replaceSpans(
      tex,
      refs.map((ref) => {
        const label = labels.get(ref.argument)!
        links.push(`${options.hrefBase ?? ''}#${label.anchor}`)
        const shown = ref.name === 'eqref' ? `(${label.text})` : label.text
        return { ...ref, replacement: `\\href{#${prefix}r${links.length - 1}}{\\text{${shown}}}` }
      }),
    )

    const ids: string[] = []
    const tagFor = (row: number): string => {
      const number = rowNumbers[index]?.[row]
      if (!number) return ''
      ids.push(number.anchor)
      // The number links to itself: a permalink a reader can copy ("link to equation (7)").
      const i = ids.length - 1
      return `\\tag*{\\href{#${prefix}p${i}}{\\htmlId{${prefix}t${i}}{${number.display}}}}`
    }
    const katexOptions = {
      output: output === 'html' ? ('htmlAndMathml' as const) : ('mathml' as const),
      throwOnError: true,
      strict: 'ignore' as const,
      globalGroup: true,
      macros,
      maxExpand: limits.maxExpand,
      maxSize: limits.maxSize,
      trust: (context: { command: string; id?: string; url?: string }) =>
        (context.command === '\\htmlId' && context.id?.startsWith(prefix) === true) ||
        (context.command === '\\href' && context.url?.startsWith(`#${prefix}`) === true),
    }
    const finish = (rendered: string) => {
      let result = rendered
        .replace(new RegExp(`class="enclosing" id="${prefix}t(\\d+)"`, 'g'), (_, i: string) => `class="enclosing eqn-number" id="${escapeHtml(ids[Number(i)] ?? '')}"`)
        .replace(new RegExp(`<a href="#${prefix}r(\\d+)"`, 'g'), (_, i: string) => `<a class="eqref" href="${escapeHtml(links[Number(i)] ?? '')}"`)
        // KaTeX's HTML is aria-hidden, so the number's own link stays out of the tab
        // order; keyboard and screen-reader users get it beside the formula (issue 19).
        .replace(new RegExp(`<a href="#${prefix}p(\\d+)"`, 'g'), (_, i: string) => `<a class="eqn-link" href="${escapeHtml(`${options.hrefBase ?? ''}#${ids[Number(i)] ?? ''}`)}" tabindex="-1"`)
        // MathML has no links of its own; the HTML copy carries them.
        .replace(new RegExp(` href="#${prefix}[rp]\\d+"`, 'g'), '')
      result = replaceAnnotation(result, copyableTex(tex))
      if (links.length > 0) result = linksForEveryone(result)
      return source.display ? wrapNumberedBody(result) : result
    }

    try {
      // Re-planned on the TeX with links: the rows are the same, their text is what KaTeX gets.
      const katexPlan = source.display && plan ? planEquation(withLinks) : null
      if (katexPlan?.environment?.name === 'multline') {
        return formulaMarkup(renderMultline(katexPlan, tagFor, katexOptions, output, finish), kind, { multline: true })
      }
      const texForKatex = katexPlan ? katexSourceFor(katexPlan, numbered, tagFor) : withLinks
      const rendered = katex.renderToString(texForKatex, { ...katexOptions, displayMode: source.display })
      return formulaMarkup(finish(rendered), kind)
    } catch (error) {
      if (!(error instanceof katex.ParseError)) {
        // KaTeX reports some limits (too many expansions, nesting) as plain errors;
        // a stack overflow from absurd nesting is a RangeError.
        if (error instanceof RangeError) return fail('公式嵌套过深，无法显示')
        throw error
      }
      return fail(error.message.replace(/^KaTeX parse error: /, 'KaTeX parse error: '), positionInSource(tex, source.display, katexOptions))
    }
  })

  return { html, labels, problems }
}

/**
 * In a display formula with a number, KaTeX's pieces (`.katex-base`) go into
 * one box beside the number, so CSS can keep the two apart: KaTeX itself
 * positions the number over the formula when the line is too narrow.
 */
function wrapNumberedBody(html: string): string {
  return html.replace(/(<span class="katex-html"(?: aria-hidden="true")?>)([\s\S]*?)(<span class="katex-tag">)/g, '$1<span class="katex-body">$2</span>$3')
}

/**
 * KaTeX hides its drawn HTML from assistive technology and lets the MathML
 * speak. A reference is a link, which MathML cannot carry: in a formula with
 * links the drawn copy is the one read aloud and reached by keyboard, and the
 * MathML is the hidden one (a link must never sit inside aria-hidden).
 */
function linksForEveryone(html: string): string {
  return html
    .replace(/<span class="katex-mathml">/g, '<span class="katex-mathml" aria-hidden="true">')
    .replace(/<span class="katex-html" aria-hidden="true">/g, '<span class="katex-html">')
}

/** Replaces the TeX KaTeX keeps as the MathML annotation (ours, rewritten) with the author's. */
function replaceAnnotation(html: string, tex: string): string {
  return html.replace(/(<annotation encoding="application\/x-tex">)[\s\S]*?(<\/annotation>)/, (_, open: string, close: string) => `${open}${escapeHtml(tex)}${close}`)
}

/**
 * Where in the author's TeX KaTeX failed. The TeX KaTeX saw was rewritten
 * (tags, links), so its position is found again on the source with our own
 * commands blanked out, which leaves every other offset where it was.
 */
function positionInSource(tex: string, display: boolean, options: object): number | undefined {
  const ours = findCommands(tex, ['label', 'tag', 'eqref', 'ref'], ['nonumber', 'notag'])
  try {
    katex.renderToString(blankSpans(tex, ours), { ...options, displayMode: display, macros: {}, globalGroup: false })
  } catch (error) {
    if (error instanceof katex.ParseError && typeof error.position === 'number') return error.position
  }
  return undefined
}

type RenderOptions = Parameters<typeof katex.renderToString>[1]

/** TeX handed to KaTeX: numbering marks replaced by explicit tags, environments KaTeX lacks rewritten. */
export function katexSourceFor(plan: EquationPlan, numbered: boolean, tagFor: (row: number) => string): string {
  const env = plan.environment
  const tags = numbered && plan.hasNumbers
  if (env && ROW_NUMBERED.has(env.name)) {
    // KaTeX has no eqnarray or flalign: eqnarray's three columns (right, centre,
    // left) become alignat's pairs; flalign is laid out as align.
    const name = env.name === 'eqnarray' ? 'alignat' : env.name === 'flalign' ? 'align' : env.name
    const argument = env.name === 'eqnarray' ? '{2}' : env.argument
    const body = plan.rows
      .map((row, index) => {
        const cells = env.name === 'eqnarray' ? eqnarrayRow(row.tex) : row.tex
        const tag = tags ? tagFor(index) || '\\notag ' : ''
        const userTag = !numbered && row.tag ? userTagTex(row.tag) : ''
        return cells + tag + userTag + row.separator
      })
      .join('')
    const env2 = tags ? name : `${name}*`
    return `\\begin{${env2}}${argument}${body}\\end{${env2}}`
  }
  const row = plan.rows[0]!
  const tag = tags ? tagFor(0) : !numbered && row.tag ? userTagTex(row.tag) : ''
  if (env && NUMBERABLE.has(env.name)) {
    // `equation` is display math with a number; the number is now an explicit tag.
    return row.tex + tag
  }
  // Anything else (bare $$…$$, a top-level aligned, gathered, cases…) keeps its
  // own environment; a \tag sits after it.
  const star = env?.starred ? '*' : ''
  const content = env ? `\\begin{${env.name}${star}}${env.argument}${row.tex}\\end{${env.name}${star}}` : row.tex
  return content + tag
}

function userTagTex(tag: Tag): string {
  return tag.starred ? `\\tag*{${tag.tex}}` : `\\tag{${tag.tex}}`
}

/** `a &=& b` as alignat cells: right, then the relation (with its spacing), then left. */
function eqnarrayRow(row: string): string {
  const [left = '', middle = '', ...rest] = splitCells(row)
  const right = rest.join('&')
  return `${left}&{}${middle}{}&&${right}`
}

/**
 * `multline` as AMS sets it: the first line flush left, the last flush right
 * (with the number), the others centred, over the width of the display. KaTeX
 * has no such environment, so each line is typeset on its own and CSS places
 * the lines; one MathML copy of the whole formula serves screen readers.
 */
function renderMultline(
  plan: EquationPlan,
  tagFor: (row: number) => string,
  options: RenderOptions,
  output: 'html' | 'mathml',
  finish: (html: string) => string,
): string {
  const lines = splitRows(plan.rows[0]!.tex).map((line) => line.tex)
  const tag = tagFor(0)
  const gathered = `\\begin{gathered}${lines.join('\\\\')}\\end{gathered}${tag}`
  const mathml = finish(katex.renderToString(gathered, { ...options, output: 'mathml', displayMode: true }))
  if (output === 'mathml') return mathml
  const lineHtml = lines.map((line, index) =>
    finish(katex.renderToString(index === lines.length - 1 ? line + tag : line, { ...options, output: 'html', displayMode: true })),
  )
  // KaTeX's own MathML wrapper, hidden the way KaTeX hides it, then the drawn lines.
  // As in linksForEveryone: with a link in it, the drawn lines are what assistive technology reads.
  const linked = lineHtml.some((line) => line.includes('class="eqref"'))
  const hidden = mathml
    .replace(/^<span class="katex">/, `<span class="katex"><span class="katex-mathml"${linked ? ' aria-hidden="true"' : ''}>`)
    .replace(/<\/span>$/, '</span></span>')
  const drawn = lineHtml.map((line) => (linked ? line : line.replace('<span class="katex-display">', '<span class="katex-display" aria-hidden="true">'))).join('')
  // One box for the lines, as wide as the widest, so that first and last line take its edges.
  return `${hidden}<span class="multline-lines">${drawn}</span>`
}
