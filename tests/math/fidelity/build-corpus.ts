/**
 * The fidelity corpus, written as JSON for the browser side of the test
 * (tests/math/fidelity/run-fidelity.ts). It runs as its own process because it
 * compiles articles with the site's server-only modules:
 *
 *   tsx --conditions=react-server tests/math/fidelity/build-corpus.ts <out.json>
 *
 * For every formula it records the TeX the author wrote and the reference:
 * KaTeX's own HTML for the same TeX, with only what KaTeX cannot read put the
 * way LaTeX would show it (`\label` dropped, `\eqref{x}` as the text "(3)").
 * Numbers come from KaTeX's own counter in the reference page; environments
 * KaTeX lacks are given in their AMS equivalent (eqnarray as alignat, flalign
 * as align) and multline line by line.
 */
import fs from 'node:fs'
import path from 'node:path'
import katex from 'katex'
import { compilePost } from '@/lib/content/compile/compile-post.server'
import { readPostFiles } from '@/lib/content/post-files.server'
import { parseMacroFile } from '@/lib/math/macros'
import { copyableTex, renderFormulas, type EquationLabel, type MathSource } from '@/lib/math/render-formulas'
import { blankComments, findCommands, outerEnvironment, replaceSpans, splitCells, splitRows } from '@/lib/math/tex-source'
import { tortureFormulas } from '../torture'

export interface CorpusFormula {
  /** "<article>#<index>" or "torture#<name>". */
  id: string
  tex: string
  display: boolean
  /** The annotation our markup carries: how the browser side finds this formula in a page. */
  annotation: string
  /** KaTeX's own HTML for each line (one, or one per line of multline). */
  reference: string[]
  multline: boolean
}

export interface CorpusPage {
  name: string
  /** An article's prerendered page, or null for the torture list (placed into an article's page). */
  slug: string | null
  formulas: CorpusFormula[]
  /** For the torture list: the body to put into the page. */
  body?: string
}

function referenceTex(source: MathSource, labels: ReadonlyMap<string, EquationLabel> | Readonly<Record<string, EquationLabel>>): string[] {
  const label = (key: string) => (labels instanceof Map ? labels.get(key) : (labels as Record<string, EquationLabel>)[key])
  let tex = blankComments(source.tex)
  const commands = findCommands(tex, ['label', 'eqref', 'ref'])
  tex = replaceSpans(
    tex,
    commands.map((command) => {
      if (command.name === 'label') return { ...command, replacement: '' }
      const text = label(command.argument)?.text ?? '?'
      return { ...command, replacement: command.name === 'eqref' ? `\\text{(${text})}` : `\\text{${text}}` }
    }),
  )
  const environment = outerEnvironment(tex)
  if (!environment) return [tex]
  const star = environment.starred ? '*' : ''
  if (environment.name === 'multline') {
    const lines = splitRows(environment.body).map((row) => row.tex)
    // The number goes with the last line, as KaTeX numbers an equation.
    return lines.map((line, index) => (index === lines.length - 1 && !environment.starred ? `\\begin{equation}${line}\\end{equation}` : line))
  }
  if (environment.name === 'eqnarray') {
    const rows = splitRows(environment.body).map((row) => {
      const [left = '', middle = '', ...rest] = splitCells(row.tex)
      return `${left}&{}${middle}{}&&${rest.join('&')}${row.separator}`
    })
    return [`\\begin{alignat${star}}{2}${rows.join('')}\\end{alignat${star}}`]
  }
  if (environment.name === 'flalign') return [`\\begin{align${star}}${environment.body}\\end{align${star}}`]
  return [tex]
}

function renderReference(tex: string, display: boolean, macros: Record<string, string>): string {
  return katex.renderToString(tex, { displayMode: display, throwOnError: false, strict: 'ignore', trust: false, globalGroup: true, macros })
}

function corpusFormulas(prefix: string, sources: readonly MathSource[], labels: ReadonlyMap<string, EquationLabel> | Readonly<Record<string, EquationLabel>>, sharedMacros: Record<string, string>): CorpusFormula[] {
  // The reference keeps definitions across formulas too, as MathJax and our renderer do.
  const macros = { ...sharedMacros }
  return sources.map((source, index) => {
    const environment = outerEnvironment(blankComments(source.tex))
    return {
      id: `${prefix}#${index}`,
      tex: source.tex,
      display: source.display,
      annotation: copyableTex(blankComments(source.tex)),
      reference: referenceTex(source, labels).map((tex) => renderReference(tex, source.display, macros)),
      multline: environment?.name === 'multline',
    }
  })
}

export async function buildFidelityCorpus(): Promise<CorpusPage[]> {
  const sharedMacros = parseMacroFile(fs.readFileSync('content/macros.tex', 'utf8'))
  const files = readPostFiles().filter((file) => !file.frontMatter.draft)
  const site = { knownSlugs: new Set(files.map((file) => file.slug)), sharedMacros }
  const pages: CorpusPage[] = []
  for (const file of files) {
    const compiled = await compilePost(file, site)
    if (compiled.problems.length > 0) throw new Error(`${file.slug}: ${compiled.problems[0]!.message}`)
    const macros = { ...sharedMacros, ...file.frontMatter.macros }
    pages.push({ name: file.slug, slug: file.slug, formulas: corpusFormulas(file.slug, compiled.mathSources, compiled.labels, macros) })
  }

  const rendered = renderFormulas(tortureFormulas, { macros: sharedMacros })
  if (rendered.problems.length > 0) {
    const problem = rendered.problems[0]!
    throw new Error(`torture formula ${tortureFormulas[problem.index]!.id}: ${problem.message}`)
  }
  const formulas = corpusFormulas('torture', tortureFormulas, rendered.labels, sharedMacros).map((formula, index) => ({
    ...formula,
    id: `torture#${tortureFormulas[index]!.id}`,
  }))
  // Inline formulas sit in a sentence of Chinese prose, as they do in articles.
  const body = tortureFormulas
    .map((formula, index) => (formula.display ? rendered.html[index] : `<p>行内公式 ${rendered.html[index]} 之后继续正文。</p>`))
    .join('\n')
  pages.push({ name: 'torture', slug: null, formulas, body })
  return pages
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2]
  if (!out) throw new Error('usage: build-corpus.ts <out.json>')
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(out, JSON.stringify(await buildFidelityCorpus()))
}
