import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize'
import { toHtml } from 'hast-util-to-html'
import type { Root, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal'
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough'
import { mathFromMarkdown } from 'mdast-util-math'
import { toHast, type Handler } from 'mdast-util-to-hast'
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal'
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough'
import { math } from 'micromark-extension-math'
import { renderArticleMath, type EquationLabel, type Macros } from '@/lib/content/math/render-article-math'

/**
 * Comments are Markdown (a subset) with LaTeX, rendered once on the server when
 * they are written, then sanitized. Raw HTML is shown as text; KaTeX runs with
 * `trust: false` and bounded expansion (no \href, \url, \includegraphics,
 * \html…); every element and attribute that survives is on an allow-list.
 */

export interface CommentRenderContext {
  macros: Macros
  /** Labels of the article the comment is under, so `$\eqref{eq:x}$` links to its equation. */
  labels: Readonly<Record<string, EquationLabel>>
}

const MATHML_ELEMENTS = [
  'math', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msup', 'msub', 'msubsup', 'mfrac', 'msqrt', 'mroot',
  'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'mstyle', 'mpadded', 'mphantom', 'menclose', 'merror',
  'mmultiscripts', 'mprescripts', 'none',
]

const MATHML_ATTRIBUTES = [
  'display', 'xmlns', 'stretchy', 'fence', 'separator', 'lspace', 'rspace', 'minsize', 'maxsize', 'symmetric',
  'largeop', 'movablelimits', 'accent', 'accentunder', 'linethickness', 'scriptlevel', 'displaystyle', 'width',
  'height', 'depth', 'voffset', 'rowspacing', 'columnspacing', 'columnalign', 'rowalign', 'columnlines', 'rowlines',
  'frame', 'notation', 'form', 'mathvariant', 'mathcolor', 'mathbackground',
]

// Classes our own renderer emits; anything else a comment might smuggle in is dropped.
const ALLOWED_CLASSES = [
  'math-display', 'math-inline', 'math-scroll', 'math-error', 'eqref', 'eqn-num', 'numbered', 'mtr-glue', 'cs0',
  'al-l', 'al-r', 'al-c', 'rs-016', 'rs-025', 'rs-036', 'rs-05', 'rs-1', /^mv-[a-z-]+$/, /^language-[a-z0-9+#-]+$/,
] as const

const schema: Schema = {
  ...defaultSchema,
  // No ids or names in comments: nothing to clobber, no anchors to fake.
  clobber: [],
  tagNames: ['p', 'br', 'em', 'strong', 'del', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote', 'span', 'div', 'hr', ...MATHML_ELEMENTS],
  attributes: {
    a: ['href', ['className', 'eqref']],
    ol: ['start'],
    code: [['className', ...ALLOWED_CLASSES]],
    span: [['className', ...ALLOWED_CLASSES], 'title'],
    div: [['className', ...ALLOWED_CLASSES]],
    ...Object.fromEntries(MATHML_ELEMENTS.map((name) => [name, [...MATHML_ATTRIBUTES, ['className', ...ALLOWED_CLASSES]]])),
  },
  protocols: { href: ['http', 'https', 'mailto'] },
  required: {},
  strip: ['script', 'style'],
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function mathNodes(tree: Root): { value: string; display: boolean }[] {
  const found: { value: string; display: boolean }[] = []
  const walk = (node: Root | RootContent) => {
    if (node.type === 'math' || node.type === 'inlineMath') found.push({ value: node.value, display: node.type === 'math' })
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  return found
}

function htmlFragment(html: string): ElementContent[] {
  return fromHtml(html, { fragment: true }).children as ElementContent[]
}

export function renderCommentBody(markdown: string, context: CommentRenderContext): string {
  const tree = fromMarkdown(markdown, {
    extensions: [math(), gfmStrikethrough({ singleTilde: false }), gfmAutolinkLiteral()],
    mdastExtensions: [mathFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmAutolinkLiteralFromMarkdown()],
  })

  const formulas = mathNodes(tree)
  const rendered = renderArticleMath(
    formulas.map((f) => ({ tex: f.value, display: f.display })),
    context.macros,
    { externalLabels: new Map(Object.entries(context.labels)) },
  )
  const errors = new Map(rendered.problems.map((problem) => [problem.index, problem.message]))
  let next = 0
  const formula = (display: boolean): ElementContent[] => {
    const index = next++
    const source = formulas[index]
    const error = errors.get(index)
    if (error !== undefined || !rendered.html[index]) {
      // A formula KaTeX cannot parse stays visible as its source, marked, never breaking the page.
      const delimiter = display ? '$$' : '$'
      return htmlFragment(
        `<span class="math-error" title="${escapeText(error ?? '公式无法显示')}">${escapeText(`${delimiter}${source?.value ?? ''}${delimiter}`)}</span>`,
      )
    }
    const wrapper = display ? 'div' : 'span'
    return htmlFragment(`<${wrapper} class="${display ? 'math-display' : 'math-inline'}">${rendered.html[index]}</${wrapper}>`)
  }

  const asText: Handler = (_state, node: { value?: string }) => ({ type: 'text', value: node.value ?? '' })
  const asParagraph: Handler = (state, node) => ({ type: 'element', tagName: 'p', properties: {}, children: state.all(node) })
  const hast = toHast(tree, {
    handlers: {
      // Raw HTML in a comment is shown as the text the member typed.
      html: asText,
      // Headings and images are outside the comment subset: keep their text.
      heading: asParagraph,
      image: (_state, node: { alt?: string | null; url: string }) => ({ type: 'text', value: node.alt ? `[${node.alt}]` : '' }),
      imageReference: (_state, node: { alt?: string | null }) => ({ type: 'text', value: node.alt ? `[${node.alt}]` : '' }),
      math: () => ({ type: 'element', tagName: 'div', properties: { dataFormula: 'display' }, children: [] }),
      inlineMath: () => ({ type: 'element', tagName: 'span', properties: { dataFormula: 'inline' }, children: [] }),
    },
  }) as HastRoot

  // Formulas replace their placeholders in document order, which is the order they were rendered in.
  const fill = (parent: HastRoot | Element) => {
    const children: HastContent[] = []
    for (const child of parent.children) {
      if (child.type === 'element' && child.properties.dataFormula) {
        children.push(...formula(child.properties.dataFormula === 'display'))
        continue
      }
      if (child.type === 'element') fill(child)
      children.push(child)
    }
    parent.children = children as typeof parent.children
  }
  fill(hast)

  const clean = sanitize(hast, schema) as HastRoot
  const addRel = (node: HastRoot | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      if (child.tagName === 'a' && typeof child.properties.href === 'string' && !child.properties.href.startsWith('#')) {
        child.properties.rel = ['nofollow', 'ugc', 'noopener']
      }
      addRel(child)
    }
  }
  addRel(clean)
  return toHtml(clean)
}
