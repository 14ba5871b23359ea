/**
 * What the fidelity test reads off a laid-out formula in Chromium. The
 * function runs in the page (page.evaluate), so it is self-contained.
 *
 * A formula is one or more segments (KaTeX's `.katex-html`; multline has one
 * per line). For each segment: every text run and every drawn line or SVG
 * (fraction bars, roots, stretchy arrows) with its box as seen on screen,
 * clipped where an ancestor clips it; the number boxes; and whether any text
 * is cut off by an ancestor or pushes the page sideways.
 */

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface Mark {
  /** The text of a run, or "|rule" / "|svg" for drawn marks. */
  text: string
  box: Box
}

export interface SegmentMeasure {
  marks: Mark[]
  /** Union of all marks: the ink box. */
  ink: Box | null
  /** Equation numbers and tags, in order. */
  tags: Box[]
}

export interface FormulaMeasure {
  /** The TeX in the formula's MathML annotation: ties the page's formula to the corpus. */
  annotation: string
  display: boolean
  /** The box the formula lives in (its scroll box for display math). */
  container: Box
  fontSize: number
  segments: SegmentMeasure[]
  /** Text runs that an ancestor cuts off (not merely scrolls), and by how many px. */
  clipped: { text: string; by: number }[]
  /** Text runs beyond the right edge of the page, outside any scroll box. */
  offPage: string[]
  /** Numbers drawn over the formula's own ink. */
  tagOverlaps: number
  /** The formula's box scrolls sideways (its content is wider than the box). */
  scrolls: boolean
}

export function measureFormulas([rootSelector, excludeNested]: [string, boolean]): FormulaMeasure[] {
  const toBox = (rect: DOMRect | { left: number; top: number; width: number; height: number }): Box => ({ x: rect.left, y: rect.top, width: rect.width, height: rect.height })
  const union = (a: Box | null, b: Box): Box => {
    if (!a) return b
    const x = Math.min(a.x, b.x)
    const y = Math.min(a.y, b.y)
    return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y }
  }
  const intersect = (a: Box, b: Box): Box | null => {
    const x = Math.max(a.x, b.x)
    const y = Math.max(a.y, b.y)
    const right = Math.min(a.x + a.width, b.x + b.width)
    const bottom = Math.min(a.y + a.height, b.y + b.height)
    return right - x > 0.01 && bottom - y > 0.01 ? { x, y, width: right - x, height: bottom - y } : null
  }
  const clips = (element: Element) => {
    const style = getComputedStyle(element)
    return { x: style.overflowX !== 'visible', y: style.overflowY !== 'visible', scrollsX: style.overflowX === 'auto' || style.overflowX === 'scroll' }
  }
  /** The part of `box` left visible by clipping ancestors up to `stop` (exclusive). */
  const visiblePart = (element: Element, box: Box, stop: Element): Box | null => {
    let visible: Box | null = box
    for (let node = element.parentElement; node && node !== stop && visible; node = node.parentElement) {
      const clip = clips(node)
      if (!clip.x && !clip.y) continue
      const rect = node.getBoundingClientRect()
      const area = { x: clip.x ? rect.left : -1e9, y: clip.y ? rect.top : -1e9, width: clip.x ? rect.width : 2e9, height: clip.y ? rect.height : 2e9 }
      visible = intersect(visible, area)
    }
    return visible
  }
  const drawsLine = (element: Element) => {
    const style = getComputedStyle(element)
    return ['Top', 'Bottom', 'Left', 'Right'].some(
      (side) => style.getPropertyValue(`border-${side.toLowerCase()}-style`) !== 'none' && parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0,
    )
  }

  const measureSegment = (segment: Element): SegmentMeasure => {
    const marks: Mark[] = []
    const walker = document.createTreeWalker(segment, NodeFilter.SHOW_TEXT)
    const range = document.createRange()
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.nodeValue ?? '').replace(/\u200b/g, '')
      if (!text.trim() || node.parentElement?.closest('.katex-tag')) continue
      range.selectNodeContents(node)
      let box: Box | null = null
      for (const rect of range.getClientRects()) if (rect.width > 0 || rect.height > 0) box = union(box, toBox(rect))
      const visible = box && visiblePart(node.parentElement!, box, segment)
      if (visible) marks.push({ text, box: visible })
    }
    for (const element of segment.querySelectorAll('*')) {
      if (element.closest('.katex-tag')) continue
      const isSvg = element.tagName.toLowerCase() === 'svg'
      if (!isSvg && !drawsLine(element)) continue
      const visible = visiblePart(element, toBox(element.getBoundingClientRect()), segment)
      if (visible) marks.push({ text: isSvg ? '|svg' : '|rule', box: visible })
    }
    let ink: Box | null = null
    for (const mark of marks) ink = union(ink, mark.box)
    const tags: Box[] = []
    for (const tag of segment.querySelectorAll('.katex-tag')) {
      // A number per row: the last child of each row of the tag's vlist, or the tag's own content.
      const rows = tag.querySelectorAll('.vlist > span > :last-child')
      const items = rows.length > 0 ? [...rows] : [...tag.children].filter((child) => !child.classList.contains('katex-strut'))
      for (const item of items) {
        const rect = item.getBoundingClientRect()
        if (rect.width > 0.5) tags.push(toBox(rect))
      }
    }
    return { marks, ink, tags }
  }

  // A text run's box is its font's full line height; the ink is usually much less
  // (an accent, a brace piece). Clipping is judged on the ink, measured with canvas.
  const context = document.createElement('canvas').getContext('2d')!
  const inkOf = (text: string, element: Element, rect: DOMRect): { top: number; bottom: number; left: number; right: number } => {
    const style = getComputedStyle(element)
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
    const metrics = context.measureText(text)
    const baseline = rect.top + metrics.fontBoundingBoxAscent
    return {
      top: baseline - metrics.actualBoundingBoxAscent,
      bottom: baseline + metrics.actualBoundingBoxDescent,
      left: rect.left - metrics.actualBoundingBoxLeft,
      right: rect.left + metrics.actualBoundingBoxRight,
    }
  }

  const roots = [...document.querySelectorAll(rootSelector)].filter((root) => !excludeNested || !root.parentElement?.closest(rootSelector))
  return roots.map((root) => {
    const annotation = root.querySelector('annotation')?.textContent ?? ''
    const segments = [...root.querySelectorAll('.katex-html')].map(measureSegment)
    const clipped: { text: string; by: number }[] = []
    const offPage: string[] = []
    const pageWidth = document.documentElement.clientWidth
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    const range = document.createRange()
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.nodeValue ?? '').replace(/\u200b/g, '')
      const parent = node.parentElement
      if (!text.trim() || !parent || parent.closest('.katex-mathml')) continue
      range.selectNodeContents(node)
      const box = range.getBoundingClientRect()
      if (box.width === 0 && box.height === 0) continue
      const rect = inkOf(text, parent, box)
      // Cut off: an ancestor that hides what does not fit (scrolling sideways is fine).
      let scrollable = false
      for (let element: Element | null = parent; element && element !== document.body; element = element.parentElement) {
        const clip = clips(element)
        const box = element.getBoundingClientRect()
        if (clip.scrollsX) scrollable = true
        const cutX = clip.x && !clip.scrollsX ? Math.max(box.left - rect.left, rect.right - box.right) : 0
        const cutY = clip.y ? Math.max(box.top - rect.top, rect.bottom - box.bottom) : 0
        if (cutX > 0.5 || cutY > 0.5) {
          clipped.push({ text, by: Math.max(cutX, cutY) })
          break
        }
      }
      if (!scrollable && rect.right > pageWidth + 0.5) offPage.push(text)
    }
    let tagOverlaps = 0
    for (const segment of segments) {
      for (const tag of segment.tags) {
        if (segment.marks.some((mark) => intersect(mark.box, { ...tag, x: tag.x + 0.5, width: tag.width - 1 }))) tagOverlaps++
      }
    }
    const container = root.getBoundingClientRect()
    return {
      annotation,
      display: root.classList.contains('math-display') || root.querySelector('.katex-display') !== null,
      container: toBox(container),
      fontSize: parseFloat(getComputedStyle(root).fontSize),
      segments,
      clipped,
      offPage,
      tagOverlaps,
      scrolls: root.scrollWidth > root.clientWidth + 0.5,
    }
  })
}
