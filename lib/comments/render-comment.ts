import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast'
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize'
import { toHtml } from 'hast-util-to-html'
import type { Handler } from 'mdast-util-to-hast'
import { markdownWithMath } from '@/lib/math/markdown'
import { formulaErrorMarkup } from '@/lib/math/markup'
import type { EquationLabel, Macros } from '@/lib/math/render-formulas'
import {
  COMMENT_MAX_EXPAND,
  COMMENT_MAX_HTML_BYTES,
  COMMENT_MAX_TEX_SIZE_EM,
  FORMULA_TOO_COMPLEX,
  refuseCommentMarkdown,
  refuseCommentTex,
} from './comment-tex-limits'
import { filterFormulaHtml } from './filter-formula-html'

/**
 * Comments are Markdown (a subset) with LaTeX, rendered once on the server when
 * they are written (in a worker with a time budget: render-in-worker.server.ts).
 * Raw HTML is shown as text; formulas go through the site's one math renderer
 * with a comment's limits (no macro definitions, bounded sizes, few
 * expansions, no \href, \url or \html…). The prose is sanitized as a tree, the
 * formulas token by token (filter-formula-html.ts); everything that survives is
 * on an allow-list.
 */

export interface CommentRenderContext {
  macros: Macros
  /** Labels of the article the comment is under, so `$\eqref{eq:x}$` links to its equation. */
  labels: Readonly<Record<string, EquationLabel>>
}

export type RenderedComment =
  | { ok: true; html: string; /** Plain text with formulas as `$TeX$`, for excerpts and mail. */ text: string }
  | { ok: false; error: string }

/** Nesting of the prose (quotes in lists in quotes…) and of each formula's markup. */
const MAX_PROSE_DEPTH = 24
const MAX_FORMULA_DEPTH = 120

const SLOT_CLASS = /^comment-formula-\d+$/

const schema: Schema = {
  ...defaultSchema,
  // No ids or names in comments: nothing to clobber, no anchors to fake.
  clobber: [],
  tagNames: ['p', 'br', 'em', 'strong', 'del', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote', 'span', 'hr'],
  attributes: {
    a: ['href'],
    ol: ['start'],
    code: [['className', /^language-[a-z0-9+#-]+$/]],
    // Where each formula goes back after the prose is sanitized; Markdown cannot make these.
    span: [['className', SLOT_CLASS]],
  },
  protocols: { href: ['http', 'https', 'mailto'] },
  required: {},
  strip: ['script', 'style'],
}

function depthOf(node: HastRoot | Element): number {
  let deepest = 0
  for (const child of node.children) if (child.type === 'element') deepest = Math.max(deepest, 1 + depthOf(child))
  return deepest
}

export function renderCommentBody(markdown: string, context: CommentRenderContext): RenderedComment {
  const blockRefusal = refuseCommentMarkdown(markdown)
  if (blockRefusal) return { ok: false, error: blockRefusal }

  const asText: Handler = (_state, node: { value?: string }) => ({ type: 'text', value: node.value ?? '' })
  const asParagraph: Handler = (state, node) => ({ type: 'element', tagName: 'p', properties: {}, children: state.all(node) })
  const imageAlt: Handler = (_state, node: { alt?: string | null }) => ({ type: 'text', value: node.alt ? `[${node.alt}]` : '' })
  let rendered: ReturnType<typeof markdownWithMath>
  try {
    rendered = markdownWithMath(markdown, {
      macros: context.macros,
      numbered: false,
      externalLabels: new Map(Object.entries(context.labels)),
      limits: { maxExpand: COMMENT_MAX_EXPAND, maxSize: COMMENT_MAX_TEX_SIZE_EM },
      showErrorsInline: true,
      refuse: refuseCommentTex,
      gfm: true,
      formulasAs: 'raw',
      handlers: {
        // Raw HTML in a comment is shown as the text the member typed.
        html: asText,
        // Headings and images are outside the comment subset: keep their text.
        heading: asParagraph,
        image: imageAlt,
        imageReference: imageAlt,
      },
    })
    if (depthOf(rendered.tree) > MAX_PROSE_DEPTH) return { ok: false, error: '引用或列表嵌套过深' }
  } catch (error) {
    // Absurd nesting can overflow a parser's stack: refuse the comment, never the server.
    if (error instanceof RangeError) return { ok: false, error: FORMULA_TOO_COMPLEX }
    throw error
  }

  // Formulas step aside while the prose is sanitized, then come back filtered.
  const formulas: string[] = []
  const park = (node: HastRoot | Element) => {
    node.children = node.children.map((child) => {
      if ((child as { type: string }).type === 'raw') {
        formulas.push((child as unknown as { value: string }).value)
        return { type: 'element', tagName: 'span', properties: { className: [`comment-formula-${formulas.length - 1}`] }, children: [] }
      }
      if (child.type === 'element') park(child)
      return child
    }) as typeof node.children
  }
  park(rendered.tree)
  const clean = sanitize(rendered.tree, schema) as HastRoot

  const restore = (node: HastRoot | Element) => {
    node.children = node.children.map((child) => {
      if (child.type !== 'element') return child
      const slot = (child.properties.className as string[] | undefined)?.find((name) => SLOT_CLASS.test(name))
      if (slot) {
        const index = Number(slot.slice('comment-formula-'.length))
        const source = rendered.formulas[index]
        const filtered = filterFormulaHtml(formulas[index] ?? '', { maxDepth: MAX_FORMULA_DEPTH })
        const html = filtered ?? formulaErrorMarkup(source?.tex ?? '', source?.display ?? false, FORMULA_TOO_COMPLEX)
        return { type: 'raw', value: html, data: { formula: index } } as unknown as ElementContent
      }
      if (child.tagName === 'a' && typeof child.properties.href === 'string' && !child.properties.href.startsWith('#')) {
        child.properties.rel = ['nofollow', 'ugc', 'noopener']
      }
      restore(child)
      return child
    }) as typeof node.children
  }
  restore(clean)
  const html = toHtml(clean, { allowDangerousHtml: true })
  if (Buffer.byteLength(html) > COMMENT_MAX_HTML_BYTES) {
    return { ok: false, error: '评论中的公式过多或过于复杂，显示出来会过大，请精简后再发' }
  }
  return { ok: true, html, text: plainText(clean, rendered.formulas) }
}

/** The comment as text: prose as written, each formula as its TeX between dollars. */
function plainText(tree: HastRoot, formulas: readonly { tex: string; display: boolean }[]): string {
  const parts: string[] = []
  const visit = (node: HastRoot | HastContent) => {
    if (node.type === 'text') parts.push(node.value)
    else if ((node as { type: string }).type === 'raw') {
      const formula = formulas[(node as unknown as { data: { formula: number } }).data.formula]
      const tex = formula?.tex.trim() ?? ''
      parts.push(formula?.display ? ` $$${tex}$$ ` : `$${tex}$`)
    } else if (node.type === 'element' || node.type === 'root') {
      if (node.type === 'element' && ['p', 'li', 'blockquote', 'pre', 'br'].includes(node.tagName)) parts.push(' ')
      for (const child of node.children) visit(child)
    }
  }
  visit(tree)
  return parts.join('').replace(/\s+/g, ' ').trim()
}
