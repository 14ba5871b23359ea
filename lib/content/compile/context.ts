import type { ContentProblem } from '../problems'
import type { EquationLabel, Macros, MathSource } from '@/lib/math/render-formulas'

export interface TocEntry {
  depth: 2 | 3
  id: string
  /** The heading as plain text, formulas as TeX and references as their numbers. */
  text: string
  /** The heading as shown, formulas included; links inside it become plain text (it sits in a link). */
  html: string
}

/**
 * What the plugins of one article's compilation share: inputs about the site,
 * and the side outputs they collect besides the MDX code itself.
 */
export interface CompileContext {
  file: string
  slug: string
  macros: Macros
  /** Slugs of every article, to check internal links. */
  knownSlugs: ReadonlySet<string>
  problems: ContentProblem[]
  /** Rendered math, referenced from the MDX code by index. */
  math: string[]
  /** The TeX of each formula, in the same order. */
  mathSources: MathSource[]
  /** Equation labels of the article, for references from comments. */
  labels: Record<string, EquationLabel>
  toc: TocEntry[]
  /** Plain prose for search, without math or code. */
  text: string
  excerptHtml: string
}
