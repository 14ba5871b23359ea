import 'server-only'
import fs from 'node:fs'
import path from 'node:path'

/**
 * The math font readers download: STIX Two Math (SIL OFL), cut down at build
 * time to the glyphs our formulas use plus a base set (~30 KB instead of
 * ~400 KB). Its OpenType MATH table and stretchy variants survive the cut.
 * Glyphs it lacks (an unusual symbol in a comment) fall back to the full font,
 * which the browser then fetches on its own.
 */
export const mathFontDir = path.join(/*turbopackIgnore: true*/ process.cwd(), '.next', 'cache', 'math-font')
export const MATH_FONT_FILE = 'math.woff2'
export const MATH_FONT_URL = `/fonts/${MATH_FONT_FILE}`

export function readMathFont(): Buffer | null {
  try {
    return fs.readFileSync(path.join(/*turbopackIgnore: true*/ mathFontDir, MATH_FONT_FILE))
  } catch {
    return null
  }
}
