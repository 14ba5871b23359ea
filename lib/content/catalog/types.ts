import type { ContentProblem } from '../problems'
import type { EquationLabel, Macros } from '@/lib/math/render-formulas'

/**
 * The shape of the content catalog: what `scripts/build-content.ts` writes and
 * the running site reads (lib/content/catalog/catalog.server.ts). Types only,
 * so both sides share them without the site importing the compiler.
 */

export interface PostMeta {
  slug: string
  title: string
  /** YYYY-MM-DD */
  date: string
  updated?: string
  category: string
  tags: string[]
  series?: { name: string; part: number }
  summary?: string
  draft: boolean
  /** The source, relative to the repository root, for messages. */
  file: string
}

export interface PostListItem extends PostMeta {
  excerptHtml: string
}

export interface TocEntry {
  depth: 2 | 3
  id: string
  /** The heading as plain text, formulas as TeX and references as their numbers. */
  text: string
  /** The heading as shown, formulas included; links inside it become plain text (it sits in a link). */
  html: string
}

/** A numbered block an article can refer to: a theorem-like block or a figure. */
export interface BlockLabel {
  key: string
  /** The component: "Theorem", "Lemma", "Figure"… */
  kind: string
  /** What `<Ref>` prints: "定理 2", "图 1". */
  name: string
  /** The number alone, what `$\ref{…}$` prints. */
  number: string
  anchor: string
  /** Line of the block in its source, for messages about the label. */
  line: number
}

export interface CatalogArticle extends PostListItem {
  /** The body as HTML, formulas included; the page hands it over as one string. */
  html: string
  toc: TocEntry[]
  /** Prose for search, without math or code. */
  text: string
  /** Every label of the article, one namespace: equations, theorems and figures (for `\ref`/`\eqref` in comments). */
  labels: Record<string, EquationLabel>
  /** Theorem-like blocks and figures with a label. */
  blocks: BlockLabel[]
  /** The site's shared macros and the article's own: what its comments are rendered with. */
  macros: Macros
  /** KaTeX fonts the body certainly uses, preloaded with the page. */
  mathFonts: string[]
  /** Only ever non-empty in development, where the page shows them instead of the article. */
  problems: ContentProblem[]
}

export interface NamedCount {
  name: string
  count: number
}

export interface CatalogIndex {
  /** Changes whenever anything in the catalog does. */
  revision: string
  /** 'production' leaves drafts out; 'development' keeps them, and articles with problems. */
  mode: 'production' | 'development'
  /** Newest first. */
  posts: PostListItem[]
  categories: NamedCount[]
  tags: NamedCount[]
  /** Problems outside any one article (front matter of an unreadable file, duplicate slugs); development only. */
  problems: ContentProblem[]
}

