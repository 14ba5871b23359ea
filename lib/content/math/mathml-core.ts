/**
 * Adapts KaTeX's MathML to what browsers implement (MathML Core). KaTeX writes
 * full MathML 3: `mathvariant="double-struck"` on identifiers and
 * `columnalign`/`columnspacing` on tables, which Chromium ignores, so ℝ showed
 * as R and every aligned equation came out centred. Styled letters become the
 * Unicode mathematical alphanumerics; table layout becomes classes that
 * app CSS styles (classes rather than inline styles keep a strict CSP possible).
 */

type Alphabet = { upper?: number; lower?: number; digits?: number; greekUpper?: number; greekLower?: number }

// Start of each run in the Mathematical Alphanumeric Symbols block (U+1D400…).
const alphabets: Record<string, Alphabet> = {
  bold: { upper: 0x1d400, lower: 0x1d41a, digits: 0x1d7ce, greekUpper: 0x1d6a8, greekLower: 0x1d6c2 },
  italic: { upper: 0x1d434, lower: 0x1d44e, greekUpper: 0x1d6e2, greekLower: 0x1d6fc },
  'bold-italic': { upper: 0x1d468, lower: 0x1d482, greekUpper: 0x1d71c, greekLower: 0x1d736 },
  script: { upper: 0x1d49c, lower: 0x1d4b6 },
  'bold-script': { upper: 0x1d4d0, lower: 0x1d4ea },
  fraktur: { upper: 0x1d504, lower: 0x1d51e },
  'double-struck': { upper: 0x1d538, lower: 0x1d552, digits: 0x1d7d8 },
  'bold-fraktur': { upper: 0x1d56c, lower: 0x1d586 },
  'sans-serif': { upper: 0x1d5a0, lower: 0x1d5ba, digits: 0x1d7e2 },
  'bold-sans-serif': { upper: 0x1d5d4, lower: 0x1d5ee, digits: 0x1d7ec, greekUpper: 0x1d756, greekLower: 0x1d770 },
  'sans-serif-italic': { upper: 0x1d608, lower: 0x1d622 },
  'sans-serif-bold-italic': { upper: 0x1d63c, lower: 0x1d656, greekUpper: 0x1d790, greekLower: 0x1d7aa },
  monospace: { upper: 0x1d670, lower: 0x1d68a, digits: 0x1d7f6 },
}

// Letters that were encoded in Letterlike Symbols before the math block existed;
// their slots in the math block are unassigned.
const holes: Record<string, Record<string, string>> = {
  italic: { h: 'ℎ' },
  script: { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' },
  fraktur: { C: 'ℭ', H: 'ℌ', I: 'ℑ', R: 'ℜ', Z: 'ℨ' },
  'double-struck': { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' },
}

export function styleCharacter(char: string, variant: string): string {
  const hole = holes[variant]?.[char]
  if (hole) return hole
  const alphabet = alphabets[variant]
  const code = char.codePointAt(0)
  if (!alphabet || code === undefined) return char
  const offset = (start: number | undefined, base: number) => (start === undefined ? char : String.fromCodePoint(start + code - base))
  if (code >= 0x41 && code <= 0x5a) return offset(alphabet.upper, 0x41)
  if (code >= 0x61 && code <= 0x7a) return offset(alphabet.lower, 0x61)
  if (code >= 0x30 && code <= 0x39) return offset(alphabet.digits, 0x30)
  if (code >= 0x391 && code <= 0x3a9) return offset(alphabet.greekUpper, 0x391)
  if (code >= 0x3b1 && code <= 0x3c9) return offset(alphabet.greekLower, 0x3b1)
  return char
}

const ALIGN_CLASS: Record<string, string> = { left: 'al-l', right: 'al-r', center: 'al-c' }

interface OpenTable {
  aligns: string[]
  column: number
}

const TOKEN = /<(\/?)([a-z]+)([^>]*?)(\/?)>|[^<]+/g

// Every tag of every formula asks for a few attributes: compile each pattern once.
const attributePatterns = new Map<string, RegExp>()

function attributePattern(name: string): RegExp {
  let pattern = attributePatterns.get(name)
  if (!pattern) {
    pattern = new RegExp(`\\s${name}="([^"]*)"`)
    attributePatterns.set(name, pattern)
  }
  return pattern
}

function getAttribute(attributes: string, name: string): string | undefined {
  if (!attributes.includes(name)) return undefined
  return attributePattern(name).exec(attributes)?.[1]
}

function withoutAttribute(attributes: string, name: string): string {
  return attributes.includes(name) ? attributes.replace(attributePattern(name), '') : attributes
}

function addClass(attributes: string, className: string): string {
  const existing = /\sclass\s*="([^"]*)"/.exec(attributes)
  if (!existing) return `${attributes} class="${className}"`
  return attributes.replace(existing[0], ` class="${existing[1]} ${className}"`)
}

export function adaptToMathmlCore(mathml: string): string {
  const tables: OpenTable[] = []
  const variants: (string | null)[] = []
  let fence = false
  let out = ''
  // KaTeX writes `class ="…"`; normalise so attributes can be matched one way.
  for (const match of mathml.replace(/ class ="/g, ' class="').matchAll(TOKEN)) {
    const [token, closing, name, rawAttributes = '', selfClosing] = match
    if (name === undefined) {
      const variant = variants[variants.length - 1]
      let text = token
      if (variant) text = Array.from(text, (char) => styleCharacter(char, variant)).join('')
      // ∥ (U+2225) is a relation with wide spacing; ‖ (U+2016) is the fence \Vert means.
      if (fence) text = text.replace(/∥/g, '‖')
      out += text
      continue
    }
    if (closing) {
      if (name === 'mtable') tables.pop()
      if (name === 'mi' || name === 'mn' || name === 'mo' || name === 'mtext') {
        variants.pop()
        fence = false
      }
      out += token
      continue
    }
    let attributes = rawAttributes
    if (name === 'mi' || name === 'mn' || name === 'mo' || name === 'mtext') {
      const variant = getAttribute(attributes, 'mathvariant')
      let mapped: string | null = null
      if (variant && variant !== 'normal') {
        attributes = withoutAttribute(attributes, 'mathvariant')
        if (name === 'mtext' || !alphabets[variant]) attributes = addClass(attributes, `mv-${variant}`)
        else mapped = variant
      }
      if (!selfClosing) {
        variants.push(mapped)
        fence = name === 'mo' && getAttribute(attributes, 'fence') === 'true'
      }
    } else if (name === 'math') {
      // The HTML parser puts <math> in the MathML namespace by itself.
      attributes = withoutAttribute(attributes, 'xmlns')
    } else if (name === 'mtable') {
      const aligns = (getAttribute(attributes, 'columnalign') ?? 'center').split(/\s+/)
      if (getAttribute(attributes, 'columnspacing') === '0em') attributes = addClass(attributes, 'cs0')
      const rowSpacing = getAttribute(attributes, 'rowspacing')
      if (rowSpacing) attributes = addClass(attributes, `rs-${rowSpacing.replace('.', '').replace('em', '')}`)
      // Now carried by classes; the attributes only cost bytes (twice: HTML and RSC payload).
      for (const unused of ['columnalign', 'columnspacing', 'rowspacing']) attributes = withoutAttribute(attributes, unused)
      tables.push({ aligns, column: 0 })
    } else if (name === 'mtr') {
      const table = tables[tables.length - 1]
      if (table) table.column = 0
    } else if (name === 'mtd') {
      const table = tables[tables.length - 1]
      const className = getAttribute(attributes, 'class') ?? ''
      if (table && !/mtr-glue|eqn-num|mml-eqn-num/.test(className)) {
        // MathML: the last columnalign value repeats for any further columns.
        const align = table.aligns[Math.min(table.column, table.aligns.length - 1)] ?? 'center'
        table.column++
        if (align !== 'center') attributes = addClass(attributes, ALIGN_CLASS[align] ?? 'al-c')
      }
    }
    out += `<${name}${attributes}${selfClosing}>`
  }
  return out
}
