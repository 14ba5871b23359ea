import { COPY_TEX_LABEL, FORMULA_TOOLS } from './markup'

/**
 * Copying formulas as TeX, in the browser. Every formula carries the TeX a
 * reader should get as its MathML annotation (the author's source without
 * comments or \label: copyableTex in lib/math/render-formulas.ts); nothing
 * here derives TeX from the rendering. Loaded when a reader first selects
 * something or reaches a formula's tools (app/_components/article/reader-tools.tsx).
 */

const FORMULA = '.math-display, .math-inline'
/** What a copy leaves out: the formula tools' labels and the "#" after headings. */
const NOT_COPIED = `.${FORMULA_TOOLS.tools}, .heading-anchor`

export function texOf(formula: Element): string {
  return formula.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? ''
}

function formulaAround(node: Node): Element | null {
  const element = node instanceof Element ? node : node.parentElement
  return element?.closest(FORMULA) ?? null
}

/**
 * The plain text of a selection with each formula as its TeX, `$…$` inline and
 * `$$…$$` for display, and its HTML as the browser would copy it; null when
 * the selection holds no formula, so the browser copies as usual. A selection
 * that starts or ends inside a formula takes the whole formula, as KaTeX's
 * copy-tex extension does.
 */
export function selectionWithTex(selection: Selection): { text: string; html: string } | null {
  if (selection.isCollapsed || selection.rangeCount === 0) return null
  const fragments: DocumentFragment[] = []
  for (let i = 0; i < selection.rangeCount; i++) {
    const range = selection.getRangeAt(i).cloneRange()
    const first = formulaAround(range.startContainer)
    const last = formulaAround(range.endContainer)
    if (first) range.setStartBefore(first)
    if (last) range.setEndAfter(last)
    fragments.push(range.cloneContents())
  }
  if (!fragments.some((fragment) => fragment.querySelector(FORMULA))) return null

  const box = document.createElement('div')
  for (const fragment of fragments) {
    fragment.querySelectorAll(NOT_COPIED).forEach((element) => element.remove())
    box.append(fragment)
  }
  const html = box.innerHTML
  for (const formula of box.querySelectorAll(FORMULA)) {
    const delimiter = formula.matches('.math-display') ? '$$' : '$'
    // pre-wrap keeps the line breaks of multi-line TeX (align, cases) in innerText.
    const tex = document.createElement('span')
    tex.style.whiteSpace = 'pre-wrap'
    tex.textContent = `${delimiter}${texOf(formula)}${delimiter}`
    formula.replaceWith(tex)
  }
  // innerText turns paragraphs and list items into lines; it needs the box laid out.
  box.style.cssText = 'position:fixed;left:-10000px;top:0;width:40rem'
  box.setAttribute('aria-hidden', 'true')
  document.body.append(box)
  const text = box.innerText.trim()
  box.remove()
  return { text, html }
}

export function onCopy(event: ClipboardEvent): void {
  const selection = document.getSelection()
  const copied = selection ? selectionWithTex(selection) : null
  if (!copied || !event.clipboardData) return
  event.clipboardData.setData('text/plain', copied.text)
  event.clipboardData.setData('text/html', copied.html)
  event.preventDefault()
}

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text)
  // Pages served over plain http (other than localhost) have no Clipboard API.
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.cssText = 'position:fixed;left:-10000px;top:0'
  document.body.append(area)
  area.select()
  const copied = document.execCommand('copy')
  area.remove()
  if (!copied) throw new Error('copy refused')
}

const resets = new WeakMap<Element, ReturnType<typeof setTimeout>>()

/** The "复制 TeX" button: copies its formula's TeX, without delimiters, and says so for a moment. */
export async function copyFormulaTex(button: Element): Promise<void> {
  const formula = button.closest(`.${FORMULA_TOOLS.wrapper}`)?.querySelector('.math-display')
  if (!formula) return
  const status = button.querySelector('[aria-live]') ?? button
  try {
    await writeClipboard(texOf(formula))
    status.textContent = '已复制'
  } catch {
    status.textContent = '复制失败'
  }
  clearTimeout(resets.get(button))
  resets.set(
    button,
    setTimeout(() => (status.textContent = COPY_TEX_LABEL), 2000),
  )
}
