import type { Box, FormulaMeasure, SegmentMeasure } from './measure'

/**
 * How far a formula as we ship it may be from KaTeX's own rendering of the
 * same TeX, in CSS pixels. Set by measurement (npm run math:report prints the
 * largest glyph offset seen): with KaTeX's markup, CSS and fonts in both,
 * every glyph of all 1,900 formulas lands exactly where the reference has it
 * (0.000 px), at both widths. Before the site's CSS stopped interfering the
 * offsets were 2–3 px (border-box sizing), 9.7 px (SVGs shrunk) and whole
 * numbers drawn over formulas. The tolerances leave room for sub-pixel
 * rounding on another machine and nothing more: a script set beside its
 * base instead of above it moves by ~10 px, a column aligned the wrong way
 * by the width of a cell.
 */
export const TOLERANCE = {
  /** Position of each glyph or rule, relative to the formula's ink box. */
  mark: 1,
  /** Width and height of the whole formula. */
  ink: 1.5,
  /** Where a display formula sits in its line (centred), and where its numbers sit. */
  placement: 1.5,
} as const

/**
 * Below this gap between formula and number, KaTeX's layout is about to draw
 * the number over the formula, and ours starts moving the formula aside (AMS
 * keeps at least half an em between them): from there on, the two are not
 * compared for horizontal placement.
 */
const TAG_ROOM_PX = 24

export interface Difference {
  what: string
  ours: number | string
  reference: number | string
}

const right = (box: Box) => box.x + box.width
const centreX = (box: Box) => box.x + box.width / 2
const centreY = (box: Box) => box.y + box.height / 2

function compareSegment(
  ours: SegmentMeasure,
  reference: SegmentMeasure,
  container: { ours: Box; reference: Box },
  label: string,
  options: { display: boolean; fits: boolean },
): Difference[] {
  const differences: Difference[] = []
  const oursText = ours.marks.map((mark) => mark.text)
  const referenceText = reference.marks.map((mark) => mark.text)
  if (oursText.join('\u0001') !== referenceText.join('\u0001')) {
    return [{ what: `${label}glyphs`, ours: oursText.join(' '), reference: referenceText.join(' ') }]
  }
  if (!ours.ink || !reference.ink) return ours.ink === reference.ink ? [] : [{ what: `${label}ink`, ours: String(ours.ink), reference: String(reference.ink) }]
  for (const dimension of ['width', 'height'] as const) {
    const delta = ours.ink[dimension] - reference.ink[dimension]
    if (Math.abs(delta) > TOLERANCE.ink) differences.push({ what: `${label}ink ${dimension}`, ours: ours.ink[dimension], reference: reference.ink[dimension] })
  }
  ours.marks.forEach((mark, index) => {
    const other = reference.marks[index]!
    const dx = mark.box.x - ours.ink!.x - (other.box.x - reference.ink!.x)
    const dy = mark.box.y - ours.ink!.y - (other.box.y - reference.ink!.y)
    const dw = mark.box.width - other.box.width
    const dh = mark.box.height - other.box.height
    const worst = Math.max(Math.abs(dx), Math.abs(dy), Math.abs(dw), Math.abs(dh))
    if (worst > TOLERANCE.mark) {
      differences.push({
        what: `${label}"${mark.text}" at (${(mark.box.x - ours.ink!.x).toFixed(1)}, ${(mark.box.y - ours.ink!.y).toFixed(1)}) ${mark.box.width.toFixed(1)}×${mark.box.height.toFixed(1)}`,
        ours: `Δx ${dx.toFixed(2)} Δy ${dy.toFixed(2)} Δw ${dw.toFixed(2)} Δh ${dh.toFixed(2)}`,
        reference: `(${(other.box.x - reference.ink!.x).toFixed(1)}, ${(other.box.y - reference.ink!.y).toFixed(1)})`,
      })
    }
  })
  if (ours.tags.length !== reference.tags.length) {
    differences.push({ what: `${label}numbers`, ours: ours.tags.length, reference: reference.tags.length })
  } else if (options.display) {
    ours.tags.forEach((tag, index) => {
      const other = reference.tags[index]!
      // Level with their row, always; at the right margin when the line has room for
      // formula and number. Without room KaTeX draws the number over the formula;
      // ours moves it after the formula (checked in compareFormula).
      const dY = centreY(tag) - ours.ink!.y - (centreY(other) - reference.ink!.y)
      const room = other.x - right(reference.ink!) >= TAG_ROOM_PX && options.fits
      const dRight = room ? right(container.ours) - right(tag) - (right(container.reference) - right(other)) : 0
      if (Math.abs(dRight) > TOLERANCE.placement || Math.abs(dY) > TOLERANCE.placement) {
        differences.push({ what: `${label}number ${index + 1} position`, ours: `Δright ${dRight.toFixed(2)} Δy ${dY.toFixed(2)}`, reference: '' })
      }
    })
  }
  return differences
}

/** Everything in which the formula as shipped differs from KaTeX's rendering; empty when they agree. */
export function compareFormula(ours: FormulaMeasure, reference: FormulaMeasure, options: { multline: boolean; layout: boolean }): Difference[] {
  const differences: Difference[] = []
  const extraClipped = ours.clipped.filter((cut) => !reference.clipped.some((other) => other.text === cut.text && other.by >= cut.by - 0.5))
  if (extraClipped.length > 0) differences.push({ what: 'text cut off', ours: extraClipped.map((cut) => `${cut.text} by ${cut.by.toFixed(1)}px`).join(' '), reference: '' })
  if (ours.offPage.length > 0) differences.push({ what: 'text beyond the page edge', ours: ours.offPage.join(' '), reference: '' })
  if (ours.tagOverlaps > 0) differences.push({ what: 'number drawn over the formula', ours: ours.tagOverlaps, reference: reference.tagOverlaps })
  if (!options.layout) return differences
  if (ours.segments.length !== reference.segments.length) {
    return [...differences, { what: 'lines', ours: ours.segments.length, reference: reference.segments.length }]
  }
  // Whether the whole formula, numbers included, fits its box (or scrolls in it).
  const extent = (segment: SegmentMeasure) => Math.max(segment.ink ? right(segment.ink) : -Infinity, ...segment.tags.map(right))
  const fits = ours.segments.every((segment) => extent(segment) <= right(ours.container) + 0.5)
  // A formula that fits its line must not scroll (and take keyboard focus) for a stray pixel.
  if (ours.display && fits && ours.scrolls) differences.push({ what: 'scrolls though it fits', ours: 'scrolls', reference: '' })
  ours.segments.forEach((segment, index) => {
    const label = ours.segments.length > 1 ? `line ${index + 1}: ` : ''
    differences.push(...compareSegment(segment, reference.segments[index]!, { ours: ours.container, reference: reference.container }, label, { display: ours.display, fits }))
  })
  if (ours.display && !options.multline) {
    const oursInk = ours.segments[0]?.ink
    const referenceInk = reference.segments[0]?.ink
    if (oursInk && referenceInk) {
      const delta = centreX(oursInk) - centreX(ours.container) - (centreX(referenceInk) - centreX(reference.container))
      // A formula wider than its box scrolls in ours (and overflows in KaTeX's), and one that
      // crowds its number moves aside in ours: compare only those that fit with room to spare.
      const referenceTags = reference.segments.flatMap((segment) => segment.tags)
      const crowded = referenceTags.some((tag) => tag.x - right(referenceInk) < TAG_ROOM_PX)
      if (!crowded && right(oursInk) <= right(ours.container) && Math.abs(delta) > TOLERANCE.placement) {
        differences.push({ what: 'horizontal position in the line', ours: delta.toFixed(2), reference: 0 })
      }
    }
  }
  if (options.multline && ours.segments.length > 1) {
    // AMS: the first line flush left, the last flush right (its number at the margin), the others between.
    const lefts = ours.segments.map((segment) => segment.ink?.x ?? Infinity)
    const rights = ours.segments.map(extent)
    const last = rights[rights.length - 1]!
    // The first line is indented by 1em (our \multlinegap), so a longer line may start left of it by that much.
    const indent = ours.fontSize * 1.21
    if (lefts.some((left) => left < lefts[0]! - indent - TOLERANCE.placement)) differences.push({ what: 'multline: first line not leftmost', ours: lefts[0]!, reference: '' })
    if (rights.some((edge) => edge > last + TOLERANCE.placement)) differences.push({ what: 'multline: last line not rightmost', ours: last, reference: '' })
  }
  return differences
}
