import { isWordCharacter } from './tokenize'

/**
 * Snippets and highlighting as text segments, never HTML: React renders each
 * segment as a text node (inside <mark> when it matched), so neither the
 * query nor an article's prose can inject markup.
 */

export interface TextSegment {
  text: string
  match?: true
}

interface Range {
  start: number
  end: number
  /** Index of the needle that matched. */
  needle: number
}

/**
 * Normalizes per code point (as the tokenizer does for the whole text) and
 * remembers where each normalized unit came from, so matches found in
 * normalized text map back onto the original characters.
 */
function normalizeWithOffsets(text: string): { normalized: string; origin: number[] | null } {
  const whole = text.normalize('NFKC').toLowerCase()
  // Nearly always (CJK, ASCII, full-width forms) folding keeps every unit in
  // place: offsets are the same, and the per-character walk below is skipped.
  if (whole.length === text.length) return { normalized: whole, origin: null }
  let normalized = ''
  const origin: number[] = []
  let index = 0
  for (const char of text) {
    const folded = char.normalize('NFKC').toLowerCase()
    normalized += folded
    for (let i = 0; i < folded.length; i++) origin.push(index)
    index += char.length
  }
  origin.push(index)
  return { normalized, origin }
}

/**
 * Non-overlapping occurrences of the needles (already normalized), longest
 * needle first. English words match whole, as the index matches them: the x
 * of a query is not the x in softmax.
 */
export function findMatches(text: string, needles: readonly string[]): Range[] {
  const { normalized, origin } = normalizeWithOffsets(text)
  const taken: Range[] = []
  const order = needles.map((needle, index) => ({ needle, index })).filter((n) => n.needle.length > 0)
  order.sort((a, b) => b.needle.length - a.needle.length)
  for (const { needle, index } of order) {
    const wordStart = isWordCharacter(needle[0])
    const wordEnd = isWordCharacter(needle.at(-1))
    for (let at = normalized.indexOf(needle); at !== -1; at = normalized.indexOf(needle, at + 1)) {
      if ((wordStart && isWordCharacter(normalized[at - 1])) || (wordEnd && isWordCharacter(normalized[at + needle.length]))) continue
      const start = origin ? origin[at]! : at
      const end = origin ? origin[at + needle.length]! : at + needle.length
      if (!taken.some((r) => start < r.end && r.start < end)) taken.push({ start, end, needle: index })
    }
  }
  return taken.sort((a, b) => a.start - b.start)
}

function segmentsOf(text: string, ranges: readonly Range[], from = 0, to = text.length): TextSegment[] {
  const segments: TextSegment[] = []
  let cursor = from
  for (const range of ranges) {
    if (range.end <= from || range.start >= to) continue
    const start = Math.max(range.start, from)
    const end = Math.min(range.end, to)
    if (start > cursor) segments.push({ text: text.slice(cursor, start) })
    segments.push({ text: text.slice(start, end), match: true })
    cursor = end
  }
  if (cursor < to) segments.push({ text: text.slice(cursor, to) })
  return segments
}

/** The whole text with every occurrence of the needles marked (titles). */
export function highlight(text: string, needles: readonly string[]): TextSegment[] {
  return segmentsOf(text, findMatches(text, needles))
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  return code >= 0xdc00 && code <= 0xdfff
}

const SENTENCE_END = /[。！？；!?;\n]/
/** About two lines of Chinese in the results column. */
const SNIPPET_LENGTH = 110
/** Context kept before the first match when no sentence starts close by. */
const LEAD = 24

/**
 * A window of the text around the place where the most distinct needles
 * occur close together, starting at a sentence when one begins near it.
 * Without any match, the start of the text.
 */
export function snippet(text: string, needles: readonly string[], length = SNIPPET_LENGTH): TextSegment[] {
  const flat = text.replace(/\s+/g, ' ').trim()
  const ranges = findMatches(flat, needles)
  let anchor = 0
  if (ranges.length > 0) {
    let best = -1
    for (const range of ranges) {
      const distinct = new Set(ranges.filter((r) => r.start >= range.start && r.end <= range.start + length).map((r) => r.needle)).size
      if (distinct > best) {
        best = distinct
        anchor = range.start
      }
    }
  }
  let start = anchor
  if (anchor > 0) {
    // Back up to the start of the sentence if it is near, else keep some context.
    start = Math.max(0, anchor - LEAD)
    for (let i = anchor - 1; i >= Math.max(0, anchor - LEAD * 2); i--) {
      if (SENTENCE_END.test(flat[i]!)) {
        start = i + 1
        break
      }
      if (i === 0) start = 0
    }
  }
  while (start < anchor && flat[start] === ' ') start++
  let end = Math.min(flat.length, start + length)
  // Never cut a character outside the Basic Multilingual Plane in half.
  if (isLowSurrogate(flat, start)) start++
  if (isLowSurrogate(flat, end)) end++
  const segments = segmentsOf(flat, ranges, start, end)
  if (start > 0) segments.unshift({ text: '…' })
  if (end < flat.length) segments.push({ text: '…' })
  return segments
}
