import { runSync } from '@mdx-js/mdx'

/**
 * Evaluates compiled MDX with a tiny JSX runtime that builds HTML strings, at
 * build time: the catalog holds each article's body as HTML. Article MDX only
 * ever produces plain elements (components are compiled away into elements,
 * remark-components.ts) and our two math placeholders, so a small serializer
 * is all it takes.
 *
 * The article page hands the body to React as one HTML string, so hydration
 * skips thousands of elements it would otherwise walk and match, and the
 * page's RSC payload carries one string instead of an element tree.
 * mdx-to-html.test.ts checks the output is the markup React itself renders.
 */

type Props = Record<string, unknown> & { children?: unknown }
type Component = (props: Props) => unknown

const Fragment = Symbol('Fragment')
const RAW = Symbol('raw')

interface RawHtml {
  [RAW]: string
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])
const RENAMED: Record<string, string> = { className: 'class', htmlFor: 'for' }

// The same five characters React escapes, so the markup matches React's byte for byte.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' }

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

const escapeAttribute = escapeText

function attributeName(name: string): string {
  if (RENAMED[name]) return RENAMED[name]
  // React's camelCase DOM props (tabIndex, dateTime, colSpan…) are lowercase in HTML.
  return name.includes('-') ? name : name.toLowerCase()
}

function serialize(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return ''
  if (typeof node === 'string' || typeof node === 'number') return escapeText(String(node))
  if (Array.isArray(node)) return node.map(serialize).join('')
  if (typeof node === 'object' && RAW in node) return (node as RawHtml)[RAW]
  return ''
}

function element(type: string | Component | typeof Fragment, props: Props): RawHtml {
  const { children, ...rest } = props
  if (type === Fragment) return { [RAW]: serialize(children) }
  if (typeof type === 'function') return { [RAW]: serialize(type(props)) }
  let attributes = ''
  let inner = serialize(children)
  for (const [name, value] of Object.entries(rest)) {
    if (name === 'dangerouslySetInnerHTML') {
      inner = (value as { __html?: string } | undefined)?.__html ?? ''
      continue
    }
    if (value === false || value === null || value === undefined || typeof value === 'object' || typeof value === 'function') continue
    // React writes data-* and aria-* booleans out as "true"; other booleans are bare.
    const bare = value === true && !/^(data|aria)-/.test(name)
    attributes += bare ? ` ${attributeName(name)}` : ` ${attributeName(name)}="${escapeAttribute(String(value))}"`
  }
  return { [RAW]: VOID.has(type) ? `<${type}${attributes}/>` : `<${type}${attributes}>${inner}</${type}>` }
}

const htmlRuntime = { jsx: element, jsxs: element, Fragment }

export function renderMdxToHtml(code: string, math: readonly string[]): string {
  const { default: Content } = runSync(code, { ...htmlRuntime, baseUrl: import.meta.url } as unknown as Parameters<typeof runSync>[1])
  // Each formula's markup is complete (lib/math/markup.ts); the placeholders only say where.
  const formula = ({ i }: Props) => ({ [RAW]: math[Number(i)] ?? '' })
  const components = { MathBlock: formula, MathInline: formula }
  return serialize((Content as unknown as Component)({ components }))
}
