import type { Link, Paragraph, Parent, Root } from 'mdast'
import type { VFile } from 'vfile'
import { equationName } from '../block-kinds'
import { isComponent } from './remark-components'
import './article-data'

/**
 * `<Ref to="…" />` after the math is rendered, when every label of the article
 * is known: a theorem-like block or a figure reads "定理 2" / "图 1", an
 * equation "式 (3)". The link has the class of equation references, so it
 * looks like them and the page previews its target on hover the same way.
 */
export function remarkReferences() {
  return (tree: Root, file: VFile) => {
    const labels = file.data.labels ?? {}
    const blocks = file.data.blocks ?? []
    const replace = (parent: Parent) => {
      parent.children.forEach((child, index) => {
        if ('children' in child) replace(child as Parent)
        if (!isComponent(child) || child.name !== 'Ref') return
        // Attributes were checked by remark-components; read them quietly here.
        const to = child.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'to')?.value
        if (typeof to !== 'string') return
        const block = blocks.find((b) => b.key === to)
        const equation = labels[to]
        if (!block && !equation) {
          file.message(`<Ref to="${to}" />: no label "${to}" in this article (labels come from \\label{…} in equations and label="…" on blocks and figures)`, child)
          parent.children[index] = { type: 'text', value: to } as Parent['children'][number]
          return
        }
        const shown = block ? block.name : `${equationName} (${equation!.text})`
        const link: Link = {
          type: 'link',
          url: `#${block ? block.anchor : equation!.anchor}`,
          children: [{ type: 'text', value: shown }],
          data: { hProperties: { className: ['eqref'] } },
          position: child.position,
        }
        parent.children[index] = (child.type === 'mdxJsxFlowElement' ? ({ type: 'paragraph', children: [link] } as Paragraph) : link) as Parent['children'][number]
      })
    }
    replace(tree)
  }
}
