import 'server-only'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import subsetFont from 'subset-font'
import { BASE_CHARACTERS, charactersOfMathml } from './glyphs'
import { MATH_FONT_FILE, mathFontDir } from './math-font.server'

const require = createRequire(import.meta.url)

export function fullMathFontPath(): string {
  return path.join(path.dirname(require.resolve('@fontsource/stix-two-math/package.json')), 'files', 'stix-two-math-latin-400-normal.woff2')
}

/** Writes the subset font for these formulas to `file`; returns its size and glyph count. */
export async function buildMathFontFile(mathml: Iterable<string>, file: string): Promise<{ bytes: number; characters: number }> {
  const characters = charactersOfMathml(mathml)
  for (const char of BASE_CHARACTERS) characters.add(char)
  const text = [...characters].join('')
  const subset = await subsetFont(fs.readFileSync(fullMathFontPath()), text, { targetFormat: 'woff2' })
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, subset)
  return { bytes: subset.length, characters: characters.size }
}

/** The site's math font, served at /fonts/math.woff2. */
export function buildMathFont(mathml: Iterable<string>): Promise<{ bytes: number; characters: number }> {
  return buildMathFontFile(mathml, path.join(mathFontDir, MATH_FONT_FILE))
}
