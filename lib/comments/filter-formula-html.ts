import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { MATH_CLASSES } from '@/lib/math/markup'

/**
 * An allow-list filter for the formula HTML in comments. The math renderer's
 * output (KaTeX's HTML and MathML, our wrappers) is regular: quoted attributes,
 * escaped text, balanced tags. So it is checked token by token instead of
 * being parsed into a tree, which for a formula-heavy comment took ten times
 * longer than rendering it. Anything that is not a known element, attribute,
 * class or style is dropped; anything that does not tokenize refuses the
 * whole formula (fail closed).
 */

const MATHML = [
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msup', 'msub', 'msubsup',
  'mfrac', 'msqrt', 'mroot', 'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'mstyle', 'mpadded',
  'mphantom', 'menclose', 'merror', 'mmultiscripts', 'mprescripts', 'none',
]
const MATHML_ATTRIBUTES = [
  'display', 'xmlns', 'encoding', 'stretchy', 'fence', 'separator', 'lspace', 'rspace', 'minsize', 'maxsize',
  'symmetric', 'largeop', 'movablelimits', 'accent', 'accentunder', 'linethickness', 'scriptlevel', 'displaystyle',
  'width', 'height', 'depth', 'voffset', 'rowspacing', 'columnspacing', 'columnalign', 'rowalign', 'columnlines',
  'rowlines', 'frame', 'notation', 'form', 'mathvariant', 'mathcolor', 'mathbackground', 'mathsize', 'class',
]

const ALLOWED: Record<string, ReadonlySet<string>> = {
  div: new Set(['class']),
  span: new Set(['class', 'style', 'aria-hidden', 'title']),
  a: new Set(['class', 'href']),
  // KaTeX draws stretchy arrows, roots, braces and \cancel strokes as inline SVG.
  svg: new Set(['xmlns', 'width', 'height', 'viewbox', 'preserveaspectratio', 'style']),
  path: new Set(['d']),
  line: new Set(['x1', 'y1', 'x2', 'y2', 'stroke-width']),
  ...Object.fromEntries(MATHML.map((name) => [name, new Set(MATHML_ATTRIBUTES)])),
}
const VOID = new Set(['path', 'line'])

const require = createRequire(import.meta.url)

/** Every class KaTeX's stylesheet knows: KaTeX's output needs them, and no site class can be borrowed. */
function katexClasses(): Set<string> {
  const css = fs.readFileSync(path.join(path.dirname(require.resolve('katex/package.json')), 'dist', 'katex.min.css'), 'utf8')
  return new Set([...css.matchAll(/\.([a-zA-Z][\w-]*)/g)].map((m) => m[1]!))
}
// KaTeX's atom classes are not all in its stylesheet, but they name what a glyph is.
const ATOMS = ['mord', 'mop', 'mbin', 'mrel', 'mopen', 'mclose', 'mpunct', 'minner', 'text', 'enclosing', 'eqref', 'katex-body', 'multline-lines']
const CLASSES = new Set([...katexClasses(), ...ATOMS, ...Object.values(MATH_CLASSES)])

// KaTeX lays formulas out with inline styles: sizes and offsets in em, colours.
// Only those survive, and sizes stay within what a formula can need.
const LENGTH_PROPERTIES = new Set([
  'height', 'width', 'min-width', 'top', 'bottom', 'left', 'vertical-align', 'margin', 'margin-left', 'margin-right',
  'margin-top', 'margin-bottom', 'padding-left', 'padding-right', 'border-width', 'border-top-width',
  'border-bottom-width', 'border-right-width', 'border-left-width',
])
const COLOUR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$/
const KEYWORD_PROPERTIES: Record<string, RegExp> = {
  // Our own: how far a scrolling inline formula reaches below the baseline (lib/math/markup.ts).
  '--math-depth': /^\d{1,2}(\.\d{1,3})?em$/,
  position: /^(relative|absolute)$/,
  'border-style': /^(solid|dashed|dotted)$/,
  'border-right-style': /^(solid|dashed|dotted)$/,
  'border-bottom-style': /^(solid|dashed|dotted)$/,
  color: COLOUR,
  'background-color': COLOUR,
  'border-color': COLOUR,
}
/** The largest layout value a comment's formula can honestly need, in em. */
export const MAX_LAYOUT_EM = 200
const LENGTH = /^-?(\d+(\.\d+)?|\.\d+)(em|px)?$/

export function cleanStyle(style: string): string {
  const kept: string[] = []
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':')
    if (colon === -1) continue
    const property = declaration.slice(0, colon).trim().toLowerCase()
    const value = declaration.slice(colon + 1).trim()
    if (LENGTH_PROPERTIES.has(property)) {
      const match = LENGTH.exec(value)
      const size = match ? Math.abs(parseFloat(value)) / (match[3] === 'px' ? 16 : 1) : Infinity
      if (size <= MAX_LAYOUT_EM) kept.push(`${property}:${value}`)
    } else if (KEYWORD_PROPERTIES[property]?.test(value)) {
      kept.push(`${property}:${value}`)
    }
  }
  return kept.join(';')
}

// Attribute names may hold digits: KaTeX's \cancel strokes are <line x1=… y1=…>.
const TOKEN = /<\/([a-z]+)>|<([a-z]+)((?:\s+[a-zA-Z][a-zA-Z0-9-]*="[^"<>]*")*)\s*(\/?)>|[^<>]+/y
const ATTRIBUTE = /\s+([a-zA-Z][a-zA-Z0-9-]*)="([^"]*)"/g
const EQUATION_LINK = /^#eqn-[A-Za-z0-9_-]+$/

export interface FilterLimits {
  /** Deepest element nesting allowed. */
  maxDepth: number
}

/** The formula HTML with only allowed markup left, or null when it is not the renderer's output. */
export function filterFormulaHtml(html: string, limits: FilterLimits): string | null {
  const open: string[] = []
  let out = ''
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < html.length) {
    const start = TOKEN.lastIndex
    const match = TOKEN.exec(html)
    if (!match || match.index !== start) return null
    const [token, closing, name, attributes = '', selfClosing] = match
    if (closing !== undefined) {
      if (open.pop() !== closing) return null
      out += token
      continue
    }
    if (name === undefined) {
      out += token
      continue
    }
    const allowed = ALLOWED[name]
    if (!allowed) return null
    let kept = ''
    for (const [, rawName, value = ''] of attributes.matchAll(ATTRIBUTE)) {
      const attribute = rawName!.toLowerCase()
      if (!allowed.has(attribute)) continue
      if (attribute === 'class') {
        const classes = value.split(/\s+/).filter((c) => CLASSES.has(c))
        if (classes.length) kept += ` class="${classes.join(' ')}"`
      } else if (attribute === 'style') {
        const style = cleanStyle(value)
        if (style) kept += ` style="${style}"`
      } else if (attribute === 'href') {
        if (EQUATION_LINK.test(value)) kept += ` href="${value}"`
      } else {
        kept += ` ${rawName}="${value}"`
      }
    }
    if (selfClosing || VOID.has(name)) {
      out += `<${name}${kept}/>`
      continue
    }
    open.push(name)
    if (open.length > limits.maxDepth) return null
    out += `<${name}${kept}>`
  }
  return open.length === 0 ? out : null
}
