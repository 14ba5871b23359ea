import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { expect } from 'vitest'

/**
 * What may survive in a member's rendered comment: KaTeX's own markup (spans
 * with its classes and layout styles, its SVG strokes, hidden MathML) and the
 * Markdown subset. Nothing that runs, loads, or takes an id.
 */
const ACTIVE_ELEMENTS = ['script', 'style', 'iframe', 'img', 'object', 'embed', 'form', 'input', 'details', 'foreignObject', 'use', 'image', 'animate', 'set', 'link', 'meta', 'base']

// KaTeX positions glyphs with inline styles: sizes in em, colours. Nothing else.
const KATEX_DECLARATION =
  /^(?:(?:height|width|min-width|top|bottom|left|vertical-align|margin(?:-left|-right|-top|-bottom)?|padding-(?:left|right)|border(?:-(?:top|bottom|left|right))?-width):-?[\d.]+(?:em|px)?|position:(?:relative|absolute)|border(?:-right|-bottom)?-style:(?:solid|dashed|dotted)|(?:color|background-color|border-color):#?\w+|--math-depth:[\d.]+em)$/

export function expectInert(html: string, label = 'rendered HTML') {
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      expect(ACTIVE_ELEMENTS, `${label}: <${child.tagName}>`).not.toContain(child.tagName)
      for (const [name, value] of Object.entries(child.properties)) {
        expect(name.toLowerCase().startsWith('on'), `${label}: ${name}`).toBe(false)
        expect(name.toLowerCase(), `${label}: ids`).not.toBe('id')
        expect(String(value), label).not.toMatch(/javascript:/i)
        if (name === 'href') expect(String(value), label).toMatch(/^(https?:|mailto:|#eqn-)/i)
        if (name === 'style') for (const declaration of String(value).split(';')) expect(declaration, label).toMatch(KATEX_DECLARATION)
      }
      walk(child)
    }
  }
  walk(fromHtml(html, { fragment: true }))
}
