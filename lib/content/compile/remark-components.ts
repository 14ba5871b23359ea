import type { Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { mathFromMarkdown } from 'mdast-util-math'
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx'
import { math } from 'micromark-extension-math'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { blockTitle, figureKind, theoremKinds, type BlockKind } from '../block-kinds'
import type { BlockLabel } from '../catalog/types'
import { resolveImage } from './images'
import './article-data'

/**
 * The components every article may use without importing anything:
 * theorem-like blocks, <Proof>, <Figure>, <Details>, <Note> and <Ref>. They are
 * compiled away here, into plain elements with their numbers written in, so
 * the body is static HTML and needs no JavaScript: MDX only ever sees the
 * elements and our math placeholders.
 *
 * Runs before the math plugin: blocks are numbered first and their labels join
 * the equation labels (one namespace per article), and the inline Markdown of
 * titles and captions becomes part of the tree, so its formulas are rendered
 * and checked with the article's. `<Ref>` is resolved afterwards, when every
 * label is known (remark-references.ts).
 */

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement

interface ComponentSpec {
  attributes: readonly string[]
  required?: readonly string[]
  /** Whether the component wraps content (<Theorem>…</Theorem>) or stands alone (<Figure />). */
  children: boolean
}

const theoremSpec: ComponentSpec = { attributes: ['label', 'title'], children: true }

export const COMPONENTS: Record<string, ComponentSpec> = {
  ...Object.fromEntries(Object.keys(theoremKinds).map((name) => [name, theoremSpec])),
  Proof: { attributes: ['title', 'of'], children: true },
  Figure: { attributes: ['src', 'caption', 'label', 'alt'], required: ['src', 'caption'], children: false },
  Details: { attributes: ['summary'], required: ['summary'], children: true },
  Note: { attributes: ['title'], children: true },
  Ref: { attributes: ['to'], required: ['to'], children: false },
}

const LABEL = /^[^\s{}"<>]+$/

/** `thm:main` → `thm-main`: the element id a label's links point at. */
export function blockAnchor(label: string): string {
  return label.replace(/[^A-Za-z0-9_-]+/g, '-')
}

export function isComponent(node: unknown): node is JsxElement {
  const candidate = node as Partial<JsxElement>
  return (candidate.type === 'mdxJsxFlowElement' || candidate.type === 'mdxJsxTextElement') && typeof candidate.name === 'string' && /^[A-Z]/.test(candidate.name)
}

/** The string attributes of a component, after reporting what is not allowed. */
export function readAttributes(element: JsxElement, spec: ComponentSpec, file: VFile): Record<string, string> {
  const values: Record<string, string> = {}
  for (const attribute of element.attributes) {
    if (attribute.type !== 'mdxJsxAttribute') {
      file.message(`<${element.name}>: spread attributes {…} are not supported; write each attribute as name="…"`, element)
      continue
    }
    if (!spec.attributes.includes(attribute.name)) {
      file.message(`<${element.name}> has no attribute "${attribute.name}"; it takes ${spec.attributes.map((a) => `"${a}"`).join(', ')}`, element)
      continue
    }
    if (typeof attribute.value !== 'string') {
      file.message(`<${element.name}> ${attribute.name}: write the value in quotes, ${attribute.name}="…", not in braces`, element)
      continue
    }
    values[attribute.name] = attribute.value
  }
  for (const name of spec.required ?? []) {
    if (!values[name]?.trim()) file.message(`<${element.name}> needs ${name}="…"`, element)
  }
  if (!spec.children && element.children.length > 0) {
    file.message(`<${element.name}> takes no content; close it as <${element.name} … />`, element)
  }
  return values
}

type Hast = { hName: string; hProperties: Record<string, unknown> }

/** A node that becomes exactly this HTML element (mdast-util-to-hast reads `data.hName`). */
function h(tagName: string, properties: Record<string, unknown>, children: unknown[], position?: Position): RootContent {
  const data: Hast = { hName: tagName, hProperties: properties }
  return { type: 'contentComponent', data, children, position } as unknown as RootContent
}

const text = (value: string): PhrasingContent => ({ type: 'text', value })

/**
 * A title, caption or summary: one line of Markdown that may hold `$math$`.
 * Its nodes take the component's position, so a problem in its math is
 * reported at the component's line.
 */
function inlineMarkdown(value: string, position: Position | undefined): PhrasingContent[] {
  const tree = fromMarkdown(value, { extensions: [math()], mdastExtensions: [mathFromMarkdown()] })
  const phrasing = tree.children.flatMap((block) => (block.type === 'paragraph' ? block.children : []))
  const place = (node: { position?: Position; children?: unknown[] }) => {
    node.position = position
    for (const child of (node.children ?? []) as { position?: Position }[]) place(child)
  }
  for (const node of phrasing) place(node as { position?: Position })
  return phrasing
}

interface Numbered {
  kind: BlockKind
  number: string
  label?: string
}

/** Numbers theorem-like blocks and figures in reading order and checks their labels. */
function numberBlocks(tree: Root, file: VFile): { numbers: Map<JsxElement, Numbered>; blocks: BlockLabel[] } {
  const numbers = new Map<JsxElement, Numbered>()
  const blocks: BlockLabel[] = []
  const counters = new Map<string, number>()
  const walk = (node: Root | RootContent) => {
    if (isComponent(node)) {
      const name = node.name!
      const kind = name === 'Figure' ? figureKind : (theoremKinds as Record<string, BlockKind>)[name]
      if (kind) {
        const label = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'label')?.value
        const count = kind.numbered ? (counters.get(kind.counter) ?? 0) + 1 : 0
        if (kind.numbered) counters.set(kind.counter, count)
        const numbered: Numbered = { kind, number: String(count) }
        const line = node.position?.start.line ?? 0
        if (typeof label === 'string') {
          const first = blocks.find((block) => block.key === label)
          if (!LABEL.test(label)) file.message(`<${name}> label="${label}": a label has no spaces, braces, quotes or angle brackets (e.g. thm:main)`, node)
          else if (!kind.numbered) file.message(`<${name}> label="${label}": ${kind.name} is not numbered (lib/content/block-kinds.ts), so it cannot be referred to`, node)
          else if (first) file.message(`Duplicate label "${label}": each label may appear once per article (first defined on line ${first.line})`, node)
          else {
            numbered.label = label
            blocks.push({ key: label, kind: name, name: blockTitle(kind, numbered.number), number: numbered.number, anchor: blockAnchor(label), line })
          }
        }
        numbers.set(node, numbered)
      }
    }
    if ('children' in node) for (const child of node.children as RootContent[]) walk(child)
  }
  walk(tree)
  return { numbers, blocks }
}

/** Whether a paragraph is only a one-line `$$…$$`, which the math plugin turns into a block of its own. */
function isLoneDisplayMath(node: RootContent, file: VFile): boolean {
  if (node.type !== 'paragraph') return false
  const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
  const only = content[0]
  return content.length === 1 && only?.type === 'inlineMath' && String(file.value).startsWith('$$', only.position?.start.offset ?? -1)
}

const qed = () => h('span', { className: ['qed'], role: 'img', ariaLabel: '证毕' }, [text('∎')])

export function remarkComponents(options: { slug: string; postsDirectory?: string }) {
  return (tree: Root, file: VFile) => {
    const { numbers, blocks } = numberBlocks(tree, file)
    file.data.blocks = blocks

    const build = (element: JsxElement, values: Record<string, string>, body: RootContent[]): RootContent | null => {
      const name = element.name!
      const position = element.position
      const numbered = numbers.get(element)
      if (name in theoremKinds && numbered) {
        const head = [h('strong', { className: ['theorem__name'] }, [text(blockTitle(numbered.kind, numbered.number))])]
        if (values.title) head.push(h('span', { className: ['theorem__title'] }, [text('（'), ...inlineMarkdown(values.title, position), text('）')]))
        const properties: Record<string, unknown> = { className: ['theorem', `theorem--${name.toLowerCase()}`] }
        if (numbered.label) properties.id = blockAnchor(numbered.label)
        return h('div', properties, [h('p', { className: ['theorem__head'] }, head), ...body], position)
      }
      if (name === 'Proof') {
        let title: PhrasingContent[] = [text('证明')]
        if (values.title) title = inlineMarkdown(values.title, position)
        else if (values.of !== undefined) {
          const target = blocks.find((block) => block.key === values.of)
          if (target) title = [text(`${target.name} 的证明`)]
          else file.message(`<Proof of="${values.of}">: no theorem-like block has label="${values.of}" in this article`, element)
        }
        const last = body[body.length - 1]
        // ∎ ends the last line of text; after a formula, a list or a table it takes a line of its own.
        if (last?.type === 'paragraph' && !isLoneDisplayMath(last, file)) (last as Paragraph).children.push(text(' '), qed() as PhrasingContent)
        else body.push(h('p', { className: ['proof__end'] }, [qed()]))
        return h('div', { className: ['proof'] }, [h('p', { className: ['proof__head'] }, [h('strong', { className: ['proof__name'] }, title)]), ...body], position)
      }
      if (name === 'Figure' && numbered) {
        const image = resolveImage(values.src ?? '', options.slug, options.postsDirectory)
        if (image.problem) file.message(`<Figure> ${image.problem}`, element)
        const caption = values.caption ?? ''
        const img = h('img', { src: image.url, width: image.width, height: image.height, alt: values.alt ?? caption, loading: 'lazy', decoding: 'async' }, [])
        const number = h('span', { className: ['figure__number'] }, [text(blockTitle(numbered.kind, numbered.number))])
        const properties: Record<string, unknown> = { className: ['figure', 'figure--numbered'] }
        if (numbered.label) properties.id = blockAnchor(numbered.label)
        return h('figure', properties, [img, h('figcaption', {}, [number, text(' '), ...inlineMarkdown(caption, position)])], position)
      }
      if (name === 'Details') {
        return h('details', { className: ['details'] }, [h('summary', {}, inlineMarkdown(values.summary ?? '', position)), ...body], position)
      }
      if (name === 'Note') {
        const title = values.title ? [h('p', { className: ['note__title'] }, [h('strong', {}, inlineMarkdown(values.title, position))])] : []
        return h('div', { className: ['note'], role: 'note' }, [...title, ...body], position)
      }
      return null
    }

    // Inner components first, so a block's body is final when the block is built.
    const transform = (parent: Parent) => {
      parent.children.forEach((child, index) => {
        if ('children' in child) transform(child as Parent)
        if (!isComponent(child)) return
        const name = child.name!
        const spec = COMPONENTS[name]
        if (!spec) {
          file.message(`unknown component <${name}>: articles can use ${Object.keys(COMPONENTS).map((c) => `<${c}>`).join(', ')} (content/README.md)`, child)
          parent.children[index] = { type: 'text', value: '' } as Parent['children'][number]
          return
        }
        const values = readAttributes(child, spec, file)
        if (name === 'Ref') return // resolved once every label is known (remark-references.ts)
        if (child.type === 'mdxJsxTextElement' && parent.type === 'paragraph') {
          const alone = parent.children.every((c) => c === child || (c.type === 'text' && c.value.trim() === ''))
          if (!alone) {
            file.message(`<${name}> is a block: put <${name}> and </${name}> on lines of their own, not inside a sentence`, child)
            return
          }
        }
        const body = (child.type === 'mdxJsxTextElement' ? [{ type: 'paragraph', children: child.children } as Paragraph] : child.children) as RootContent[]
        const built = build(child, values, body)
        if (built) parent.children[index] = built as Parent['children'][number]
      })
    }
    transform(tree)
    // A block written inline (`<Note>短注</Note>` alone on a line) sat in a paragraph: the block replaces it.
    const lift = (parent: Parent) => {
      parent.children = parent.children.map((child) => {
        if ('children' in child) lift(child as Parent)
        const only = child.type === 'paragraph' ? child.children.filter((c) => !(c.type === 'text' && c.value.trim() === '')) : []
        return only.length === 1 && (only[0] as { type: string }).type === 'contentComponent' && child.type === 'paragraph'
          ? (only[0] as unknown as Parent['children'][number])
          : child
      }) as Parent['children']
    }
    lift(tree)
  }
}
