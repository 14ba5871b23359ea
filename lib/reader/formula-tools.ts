/**
 * The reader's tools beside every display formula of an article body, written
 * into the prerendered HTML: a "复制 TeX" button and, for each equation
 * number, a link to that number. They are plain markup, shown on hover or
 * focus by CSS and reachable by keyboard without any script; the button's
 * code loads when a reader comes near it (app/_components/article/reader-tools.tsx).
 *
 * Each formula is wrapped, `<div class="formula">` (a `<span>` for display
 * math inside a paragraph), so the tools sit outside the formula's own box:
 * that box scrolls when the formula is wide, and its markup is the math
 * renderer's alone (lib/math/markup.ts).
 */

import { COPY_TEX_LABEL, FORMULA_TOOLS } from './markup'

const DISPLAY_START = /<(div|span) class="math-display[^"]*">/g
const NUMBER = /<span class="enclosing eqn-number" id="([^"]+)">/g

/** Index just past the element opened at `start` (an element of `tag`, nested ones counted). */
function endOfElement(html: string, start: number, tag: string): number {
  const pattern = new RegExp(`<${tag}[\\s>]|</${tag}>`, 'g')
  pattern.lastIndex = start
  let depth = 0
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    depth += match[0].startsWith('</') ? -1 : 1
    if (depth === 0) return match.index + match[0].length
  }
  throw new Error(`Unclosed <${tag}> at ${start} in an article body`)
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/\u200b/g, '')
    .trim()
}

/** The equation numbers of one formula's markup: anchor and what the reader sees, "(7)". */
export function equationNumbersOf(formula: string): { anchor: string; shown: string }[] {
  return [...formula.matchAll(NUMBER)].map((match) => ({
    anchor: match[1]!,
    shown: textOf(formula.slice(match.index, endOfElement(formula, match.index, 'span'))),
  }))
}

function toolsFor(formula: string, tag: 'div' | 'span'): string {
  const links = equationNumbersOf(formula)
    .map(({ anchor, shown }) => `<a class="${FORMULA_TOOLS.link}" href="#${anchor}">链接 ${shown}</a>`)
    .join('')
  const button = `<button type="button" class="${FORMULA_TOOLS.copy}"><span aria-live="polite">${COPY_TEX_LABEL}</span></button>`
  return `<${tag} class="${FORMULA_TOOLS.wrapper}">${formula}<span class="${FORMULA_TOOLS.tools}">${button}${links}</span></${tag}>`
}

/** The article body with every display formula wrapped together with its tools. */
export function withFormulaTools(body: string): string {
  let result = ''
  let position = 0
  for (const match of body.matchAll(DISPLAY_START)) {
    if (match.index < position) continue
    const tag = match[1] as 'div' | 'span'
    const end = endOfElement(body, match.index, tag)
    result += body.slice(position, match.index) + toolsFor(body.slice(match.index, end), tag)
    position = end
  }
  return result + body.slice(position)
}
