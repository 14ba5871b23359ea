import zlib from 'node:zlib'

/**
 * What a test needs to know about a PDF that Chromium printed, read without a
 * PDF library: the number of pages, their size, and the scale at which each
 * page's content was drawn.
 *
 * Chromium (Skia) draws every page's content under a device transform of
 * 0.24 followed by a scale of 3.125: CSS pixels to points, 72/96 = 0.75. When
 * anything in the page is wider than the printable width, Chromium shrinks
 * the whole page to fit, and that second scale drops below 3.125. So "drawn at
 * 0.75" means: nothing was wider than the page.
 */
export interface PrintedPdf {
  pages: number
  /** Width and height of the first page, in points. */
  pageSize: [number, number]
  /** Points per CSS pixel of each page's content. */
  contentScales: number[]
}

export function readPrintedPdf(pdf: Buffer): PrintedPdf {
  const text = pdf.toString('latin1')
  const pages = text.match(/\/Type\s*\/Page(?!s)\b/g)?.length ?? 0
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text)
  const pageSize: [number, number] = box ? [Number(box[3]) - Number(box[1]), Number(box[4]) - Number(box[2])] : [0, 0]
  const contentScales: number[] = []
  for (const match of text.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    let content: string
    try {
      content = zlib.inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1')
    } catch {
      continue
    }
    const transforms = [...content.matchAll(/(-?[\d.]+) 0 0 (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) cm/g)].slice(0, 2)
    if (transforms.length < 2 || Math.abs(Number(transforms[0]![1]) - 0.24) > 1e-3) continue
    contentScales.push(Number(transforms[0]![1]) * Number(transforms[1]![1]))
  }
  return { pages, pageSize, contentScales }
}
