/**
 * Turning text into index tokens and queries into terms, identically at build
 * time (Node), on the server and in the browser.
 *
 * Words come from Intl.Segmenter, which finds word boundaries for Latin text,
 * digits and identifiers ("VQ-VAE" → vq, vae; "3.14" stays whole). Its Chinese
 * dictionary is not used: it splits 长度外推 into 长度|外|推 and 显存 into
 * 显|存, so a word index would miss both (and the browser's ICU may cut
 * differently from Node's). Every run of CJK characters is instead indexed as
 * overlapping character bigrams (plus single characters for one-character
 * queries), which finds any substring of two or more characters.
 */

/** Han, kana and Hangul: scripts written without spaces between words. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const CJK_RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u
/** Words longer than this are identifiers, hashes or URLs nobody searches for. */
const MAX_WORD_LENGTH = 40
/** Queries are typed by people: a dozen terms is more than anyone means. */
const MAX_QUERY_TERMS = 12

/** A letter or digit of a script written with spaces: where a word would continue. */
export function isWordCharacter(char: string | undefined): boolean {
  return char !== undefined && HAS_WORD_CHARACTER.test(char) && !CJK.test(char)
}

export type Piece = { kind: 'cjk' | 'word'; text: string }

/** Full-width forms to ASCII, compatibility characters unfolded, lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase()
}

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : undefined

function* wordLikeSegments(text: string): Generator<{ segment: string }> {
  if (segmenter) {
    for (const part of segmenter.segment(text)) if (part.isWordLike) yield part
    return
  }
  // Browsers without Intl.Segmenter (before 2024) get the same pieces for
  // everything but the rare word with inner punctuation.
  for (const match of text.matchAll(/[\p{L}\p{N}_]+/gu)) yield { segment: match[0] }
}

/**
 * Splits normalized text into CJK runs and other words. CJK runs are cut only
 * at punctuation and other scripts, never by the segmenter's dictionary (which
 * is also the slow part of Intl.Segmenter: skipping it makes indexing ~10×
 * faster), so bigrams span every word boundary a dictionary would guess.
 */
export function splitPieces(normalized: string): Piece[] {
  const pieces: Piece[] = []
  for (const [part] of normalized.matchAll(CJK_RUNS)) {
    if (CJK.test(part)) {
      pieces.push({ kind: 'cjk', text: part })
      continue
    }
    // Mostly punctuation between Chinese runs: no words, no need to segment.
    if (!HAS_WORD_CHARACTER.test(part)) continue
    for (const { segment } of wordLikeSegments(part)) {
      if (segment.length <= MAX_WORD_LENGTH && HAS_WORD_CHARACTER.test(segment)) pieces.push({ kind: 'word', text: segment })
    }
  }
  return pieces
}

/** Two-character windows of a CJK run; a one-character run is its own token. */
export function cjkBigrams(run: string): string[] {
  const chars = [...run]
  if (chars.length < 2) return chars
  const grams: string[] = []
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!)
  return grams
}

/**
 * The tokens of a field with their counts: words, CJK bigrams and single CJK
 * characters (so a one-character query such as 熵 finds its articles).
 */
export function indexTokens(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  const add = (token: string) => counts.set(token, (counts.get(token) ?? 0) + 1)
  for (const piece of splitPieces(normalizeText(text))) {
    if (piece.kind === 'word') {
      add(piece.text)
      continue
    }
    const chars = [...piece.text]
    for (const char of chars) add(char)
    if (chars.length > 1) for (const gram of cjkBigrams(piece.text)) add(gram)
  }
  return counts
}

/** How long a field is for ranking: its words and bigrams (characters not counted twice). */
export function fieldLength(tokens: ReadonlyMap<string, number>): number {
  let length = 0
  for (const [token, count] of tokens) if (!isSingleCjkCharacter(token)) length += count
  return length
}

function isSingleCjkCharacter(token: string): boolean {
  return [...token].length === 1 && CJK.test(token)
}

/** One thing the reader asked for: a word, or a CJK phrase matched through its bigrams. */
export interface QueryTerm {
  /** Normalized text, also what snippets highlight. */
  text: string
  /** Every token must be present for the term to match. */
  tokens: string[]
}

export function parseQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = []
  const seen = new Set<string>()
  for (const piece of splitPieces(normalizeText(query))) {
    if (seen.has(piece.text)) continue
    seen.add(piece.text)
    const tokens = piece.kind === 'word' ? [piece.text] : [...new Set(cjkBigrams(piece.text))]
    terms.push({ text: piece.text, tokens })
    if (terms.length === MAX_QUERY_TERMS) break
  }
  return terms
}
