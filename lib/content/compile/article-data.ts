import type { BlockLabel, TocEntry } from '../catalog/types'
import type { EquationLabel, MathSource } from '@/lib/math/render-formulas'

/**
 * What the plugins of one article's compilation leave on the file besides the
 * tree (`file.data`), and what compile-post.server.ts reads back. Problems are
 * not here: plugins report them with `file.message(reason, node)`, so each one
 * carries its line.
 */
declare module 'vfile' {
  interface DataMap {
    /** Rendered math, referenced from the tree by index. */
    math: string[]
    /** The TeX of each formula, in the same order. */
    mathSources: MathSource[]
    /** Every label: equations, theorem-like blocks and figures. */
    labels: Record<string, EquationLabel>
    /** Labelled theorem-like blocks and figures, numbered before the math is rendered. */
    blocks: BlockLabel[]
    toc: TocEntry[]
    text: string
    excerptHtml: string
  }
}

export {}
