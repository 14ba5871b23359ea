/**
 * How numbered blocks are named and counted: the one place to change the
 * scheme. Each kind is counted per article, in reading order; kinds that name
 * the same `counter` share one sequence (set Lemma's counter to 'theorem' and
 * an article reads 定理 1, 引理 2, 定理 3, as in AMS papers). `numbered: false`
 * shows the name alone ("注") and the block cannot be referred to.
 */

export interface BlockKind {
  /** What the block is called in the text: "定理". */
  name: string
  /** Blocks with the same counter share one sequence of numbers. */
  counter: string
  numbered: boolean
}

export const theoremKinds = {
  Theorem: { name: '定理', counter: 'theorem', numbered: true },
  Lemma: { name: '引理', counter: 'lemma', numbered: true },
  Proposition: { name: '命题', counter: 'proposition', numbered: true },
  Corollary: { name: '推论', counter: 'corollary', numbered: true },
  Definition: { name: '定义', counter: 'definition', numbered: true },
  Example: { name: '例', counter: 'example', numbered: true },
  Remark: { name: '注', counter: 'remark', numbered: true },
} as const satisfies Record<string, BlockKind>

export const figureKind: BlockKind = { name: '图', counter: 'figure', numbered: true }

/** How a reference to an equation reads in prose: 式 (3). */
export const equationName = '式'

export type TheoremKind = keyof typeof theoremKinds

/** "定理 2": the name, a space, the number (the space is the typographic norm between CJK and digits). */
export function blockTitle(kind: BlockKind, number: string): string {
  return kind.numbered ? `${kind.name} ${number}` : kind.name
}
