/**
 * What a comment may ask of the renderer, checked on its source before any
 * parsing: every limit here bounds time, memory or output that a member
 * controls. The worker's time budget (render-in-worker.server.ts) and the
 * output cap catch whatever slips past; these give the clear message first.
 */

/** Containers (quotes, list items) nested on one line: `> > > …`, `- - - …`. */
export const COMMENT_MAX_BLOCK_NESTING = 8
/** Braces and environments nested inside one formula. */
export const COMMENT_MAX_TEX_NESTING = 24
/** Any explicit size (\kern, \rule, \raisebox, \hspace, \\[…]) in em, either way. */
export const COMMENT_MAX_TEX_SIZE_EM = 10
/** Cells of the tables in one formula (`&` and `\\`): a 20 × 20 matrix is 400. */
export const COMMENT_MAX_TEX_CELLS = 500
/** Rendered HTML of one comment. */
export const COMMENT_MAX_HTML_BYTES = 100_000
/** Macro expansions per formula; the site's macros are small and need few. */
export const COMMENT_MAX_EXPAND = 200

export const FORMULA_TOO_COMPLEX = '公式过于复杂，无法显示'

// Definitions let a few characters expand into megabytes (and recursion). A
// comment uses the site's macros; it does not define its own.
const DEFINITIONS = /\\(?:def|gdef|edef|xdef|let|futurelet|global|long|newcommand|renewcommand|providecommand|DeclareMathOperator|newenvironment|renewenvironment|expandafter|csname|char)(?![A-Za-z])/

// TeX units in em at the normal size (1em = 10pt in KaTeX); `mu` is 1/18 em.
const UNIT_IN_EM: Record<string, number> = {
  em: 1,
  ex: 0.431,
  pt: 0.1,
  bp: 0.1004,
  px: 0.1004,
  pc: 1.2,
  dd: 0.107,
  cc: 1.284,
  mm: 0.2845,
  cm: 2.845,
  in: 7.227,
  sp: 0.1 / 65536,
  mu: 1 / 18,
}
const DIMENSION = /([+-]?)\s*(\d+(?:[.,]\d*)?|[.,]\d+)\s*(em|ex|pt|bp|px|pc|dd|cc|mm|cm|in|sp|mu)(?![A-Za-z])/g
// Commands that take sizes, and the row separator with its optional spacing.
const SIZED = /\\(?:kern|mkern|hskip|mskip|hspace\*?|vspace\*?|rule|raisebox|above|abovewithdelims|genfrac|\\)(?![A-Za-z])/g
const SIZE_ARGUMENTS_LENGTH = 80

function blockNesting(markdown: string): number {
  let deepest = 0
  for (const line of markdown.split('\n')) {
    let depth = 0
    let rest = line
    for (;;) {
      const marker = /^ {0,3}(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s))\s*/.exec(rest)
      if (!marker || marker[0].length === 0) break
      depth++
      rest = rest.slice(marker[0].length)
      if (depth > COMMENT_MAX_BLOCK_NESTING) return depth
    }
    deepest = Math.max(deepest, depth)
  }
  return deepest
}

function texNesting(tex: string): number {
  let depth = 0
  let deepest = 0
  for (let i = 0; i < tex.length; i++) {
    const char = tex[i]
    if (char === '\\') {
      if (tex.startsWith('begin', i + 1)) deepest = Math.max(deepest, ++depth)
      else if (tex.startsWith('end', i + 1)) depth--
      else if (tex.startsWith('left', i + 1)) deepest = Math.max(deepest, ++depth)
      else if (tex.startsWith('right', i + 1)) depth--
      i++
      continue
    }
    if (char === '{') deepest = Math.max(deepest, ++depth)
    else if (char === '}') depth--
  }
  return deepest
}

/** Why this formula may not be rendered in a comment, or null when it may. */
export function refuseCommentTex(tex: string): string | null {
  if (DEFINITIONS.test(tex)) return '评论中的公式不能定义宏（\\def、\\newcommand 等），请直接写出公式'
  if (texNesting(tex) > COMMENT_MAX_TEX_NESTING) return FORMULA_TOO_COMPLEX
  const cells = (tex.match(/(?<!\\)&|\\\\/g) ?? []).length
  if (cells > COMMENT_MAX_TEX_CELLS) return `一个公式中的表格最多 ${COMMENT_MAX_TEX_CELLS} 格`
  for (const command of tex.matchAll(SIZED)) {
    const start = command.index + command[0].length
    const argumentsText = tex.slice(start, start + SIZE_ARGUMENTS_LENGTH)
    for (const [, , number, unit] of argumentsText.matchAll(DIMENSION)) {
      // Either way: a negative \kern moves things as far as a positive one.
      const value = Number(number!.replace(',', '.')) * UNIT_IN_EM[unit!]!
      if (!(value <= COMMENT_MAX_TEX_SIZE_EM)) return `公式中的尺寸不能超过 ${COMMENT_MAX_TEX_SIZE_EM}em`
    }
  }
  return null
}

/** Why this comment's Markdown may not be rendered, or null when it may. */
export function refuseCommentMarkdown(markdown: string): string | null {
  if (blockNesting(markdown) > COMMENT_MAX_BLOCK_NESTING) return `引用或列表最多嵌套 ${COMMENT_MAX_BLOCK_NESTING} 层`
  return null
}
