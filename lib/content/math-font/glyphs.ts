import { styleCharacter } from '../math/mathml-core'

/**
 * Which characters the math font must cover: everything our articles'
 * formulas use, plus a base set so that formulas in comments (any member's
 * TeX) look right without a download of the whole font.
 */

function range(from: number, to: number): string {
  let text = ''
  for (let code = from; code <= to; code++) text += String.fromCodePoint(code)
  return text
}

const LATIN = range(0x41, 0x5a) + range(0x61, 0x7a)
const GREEK = range(0x391, 0x3a1) + range(0x3a3, 0x3a9) + range(0x3b1, 0x3c9) + 'ϵϑϕϱϖϰ'

// Chromium draws a single-letter <mi> in mathematical italic (U+1D434…), so the
// italic alphabets must be there even though no source text contains them.
const ITALIC = Array.from(LATIN + GREEK, (char) => styleCharacter(char, 'italic')).join('')

const COMMON_SYMBOLS =
  '∑∏∐∫∬∭∮√∛∞∂∇±∓×÷⋅∘∙∗⋆†‡≤≥≦≧≪≫≠≈≡≢∼≃≅∝∈∉∋⊂⊃⊆⊇⊊⊋∪∩⋃⋂∧∨¬⊕⊗⊙⊥∥∦∠∀∃∄∅' +
  '→←↔⇒⇐⇔↦⟶⟵⟷⟹⟸⟺↑↓⇑⇓↗↘↪⟨⟩⌊⌋⌈⌉‖∣′″‴…⋯⋮⋱ℓℏℑℜℵ°∖∤∡' +
  'ℝℕℤℚℂℙℍ' +
  '\u2061\u2062\u2063\u2064\u00a0\u2009\u200a\u2005\u205f'

export const BASE_CHARACTERS = range(0x20, 0x7e) + LATIN + GREEK + ITALIC + COMMON_SYMBOLS

const TEXT = />([^<>]+)</g
const SINGLE_MI = /<mi(?:\s[^>]*)?>([^<>]+)<\/mi>/g

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))).replace(/&amp;/g, '&')
}

/** Characters a browser needs from the math font to draw these MathML strings. */
export function charactersOfMathml(mathml: Iterable<string>): Set<string> {
  const characters = new Set<string>()
  for (const html of mathml) {
    for (const [, text] of html.matchAll(TEXT)) for (const char of decodeEntities(text!)) characters.add(char)
    for (const [, text] of html.matchAll(SINGLE_MI)) {
      const letters = [...decodeEntities(text!)]
      if (letters.length === 1) characters.add(styleCharacter(letters[0]!, 'italic'))
    }
  }
  return characters
}
