import path from 'node:path'
import { parse as parseYaml, stringify } from 'yaml'
import { prepareBareEnvironments } from '../compile/bare-environments'

/**
 * Markdown written for MathJax blogs (Typecho, WordPress, Hexo, Hugo, Jekyll
 * exports; kexue.fm-style posts) → our MDX. Math and code are left exactly as
 * written; only what MDX would misread changes. Whatever cannot be converted
 * is listed with its line in the source, and left in the output as visible
 * text, so the result still compiles.
 *
 * Three passes, each keeping a map back to the author's lines:
 * 1. `\[…\]` and `\(…\)` become `$$…$$` and `$…$` (remark-math knows only dollars);
 * 2. bare `\begin{equation}…` environments move onto `$$` lines — the same
 *    code the compiler uses (bare-environments.ts), so both agree on what is math;
 * 3. prose outside math and code: HTML comments, `<!--more-->`, `<img>`,
 *    simple inline HTML, and escapes for `{ } <` that MDX would read as code.
 */

export interface ImportNote {
  /** Line in the source file. */
  line: number
  message: string
}

export interface ImportedPost {
  slug: string
  mdx: string
  /** Images referred to by a relative path: copy them beside the article (content/posts/<slug>/). */
  images: string[]
  /** What could not be converted: the editor should look at these lines. */
  unconverted: ImportNote[]
  /** What was changed in a way worth knowing (dropped front-matter keys, wrapped references). */
  notes: ImportNote[]
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/^\d{4}-\d{2}-\d{2}-/, '') // Jekyll's dated file names
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

function isoDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10)
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/.exec(String(value ?? ''))
  return match ? `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}` : undefined
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((item) => String(item).trim()).filter(Boolean)
  if (typeof value === 'string') return value.split(/[,，]/).map((item) => item.trim()).filter(Boolean)
  return []
}

const KNOWN_KEYS = new Set(['title', 'date', 'categories', 'category', 'tags', 'slug', 'updated', 'lastmod', 'summary', 'description', 'draft', 'published'])

interface FrontMatterResult {
  yaml: string
  slug?: string
  /** Lines the front matter took in the source (the body starts after them). */
  lines: number
}

function convertFrontMatter(source: string, fileName: string, notes: ImportNote[], unconverted: ImportNote[]): FrontMatterResult {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source)
  let data: Record<string, unknown> = {}
  let lines = 0
  if (match) {
    lines = match[0].split('\n').length - (match[0].endsWith('\n') ? 1 : 0)
    try {
      data = (parseYaml(match[1]!) as Record<string, unknown> | null) ?? {}
    } catch (error) {
      unconverted.push({ line: 1, message: `front matter is not valid YAML (${(error as Error).message.split('\n')[0]}); fill in title, date and category by hand` })
    }
  } else if (source.startsWith('+++')) {
    unconverted.push({ line: 1, message: 'TOML front matter (+++) is not converted; write it as YAML between --- lines' })
  }
  const title = String(data.title ?? '').trim() || path.basename(fileName, path.extname(fileName))
  if (!data.title) unconverted.push({ line: 1, message: `no title in the front matter; used the file name "${title}"` })
  const date = isoDate(data.date) ?? isoDate(path.basename(fileName))
  if (!date) unconverted.push({ line: 1, message: 'no date in the front matter; set date: YYYY-MM-DD' })
  const categories = list(data.categories ?? data.category)
  const tags = list(data.tags)
  if (categories.length > 1) notes.push({ line: 1, message: `only one category is allowed: kept "${categories[0]}", moved ${categories.slice(1).join(', ')} to tags` })
  if (categories.length === 0) unconverted.push({ line: 1, message: 'no category in the front matter; used "未分类"' })
  const dropped = Object.keys(data).filter((key) => !KNOWN_KEYS.has(key))
  if (dropped.length > 0) notes.push({ line: 1, message: `front matter keys not used here were dropped: ${dropped.join(', ')}` })
  const out: Record<string, unknown> = {
    title,
    date: date ?? '1970-01-01',
    category: categories[0] ?? '未分类',
    tags: [...new Set([...tags, ...categories.slice(1)])],
  }
  const updated = isoDate(data.updated ?? data.lastmod)
  if (updated && date && updated > date) out.updated = updated
  const summary = String(data.summary ?? data.description ?? '').trim()
  if (summary) out.summary = summary.replace(/\s+/g, ' ')
  if (data.draft === true || data.published === false) out.draft = true
  return { yaml: stringify(out, { lineWidth: 0 }).trimEnd(), slug: typeof data.slug === 'string' ? data.slug : undefined, lines }
}

/** Pass 1: `\[…\]` → `$$…$$`, `\(…\)` → `$…$`, outside code. Returns lines and their source lines. */
function dollarDelimiters(lines: readonly string[], firstLine: number): { lines: string[]; origins: number[] } {
  const out: string[] = []
  const origins: number[] = []
  let fence: string | null = null
  lines.forEach((line, index) => {
    const origin = firstLine + index
    const trimmed = line.trimStart()
    const opening = /^(`{3,}|~{3,})/.exec(trimmed)
    if (fence) {
      if (trimmed.startsWith(fence) && trimmed.slice(fence.length).trim() === '') fence = null
      out.push(line)
      origins.push(origin)
      return
    }
    if (opening) {
      fence = opening[1]!
      out.push(line)
      origins.push(origin)
      return
    }
    // Inline code keeps its backslashes.
    const parts = line.split(/(`+[^`]*`+)/)
    let converted = parts.map((part) => (part.startsWith('`') ? part : part.replace(/\\\(/g, '$').replace(/\\\)/g, '$'))).join('')
    // A `\[` that opens a line would put the formula on the `$$` line, where remark-math reads it as meta: split it off.
    const startsDisplay = /^(\s*)\\\[(.*)$/.exec(converted)
    if (startsDisplay && !/\\\]/.test(startsDisplay[2]!) && startsDisplay[2]!.trim() !== '') {
      out.push(`${startsDisplay[1]}$$`)
      origins.push(origin)
      converted = `${startsDisplay[1]}${startsDisplay[2]}`
    }
    const endsDisplay = /^(.*?)\\\]\s*$/.exec(converted)
    if (endsDisplay && !/\\\[/.test(endsDisplay[1]!) && endsDisplay[1]!.trim() !== '') {
      out.push(endsDisplay[1]!)
      origins.push(origin)
      converted = '$$'
    }
    out.push(converted.replace(/\\\[|\\\]/g, '$$$$'))
    origins.push(origin)
  })
  return { lines: out, origins }
}

const SIMPLE_TAGS: Record<string, [string, string]> = { b: ['**', '**'], strong: ['**', '**'], i: ['*', '*'], em: ['*', '*'], del: ['~~', '~~'], s: ['~~', '~~'] }
const KEPT_TAGS = new Set(['sup', 'sub', 'kbd', 'mark', 'u'])

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {}
  for (const match of tag.matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) found[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? ''
  return found
}

/** What pass 3 found that the caller reports or acts on. */
interface Findings {
  unconverted: ImportNote[]
  /** Relative images: they go beside the article, and the importer copies them there (scripts/import-posts.ts). */
  images: string[]
}

function imageTarget(src: string, found: Findings): string {
  if (/^[a-z]+:|^\/\/|^\//i.test(src)) return src.replace(/ /g, '%20')
  const name = path.posix.basename(src.replace(/\\/g, '/'))
  found.images.push(src)
  return `./${encodeURI(name)}`
}

const escapeBrackets = (text: string) => text.replace(/[[\]]/g, (c) => `\\${c}`)

/** Pass 3: prose of one line, outside math and code. */
function convertProse(text: string, line: number, found: Findings): string {
  const { unconverted } = found
  let out = ''
  let i = 0
  while (i < text.length) {
    const char = text[i]!
    if (char === '\\' && i + 1 < text.length) {
      out += text.slice(i, i + 2)
      i += 2
      continue
    }
    if (char === '{' || char === '}') {
      // Liquid or Hugo template tags meant something to the old site only.
      if (char === '{' && (text[i + 1] === '{' || text[i + 1] === '%') && !unconverted.some((n) => n.line === line && n.message.startsWith('template')))
        unconverted.push({ line, message: `template tag ${/^\{[{%][^}]*[}%]?\}?/.exec(text.slice(i))?.[0] ?? '{{'} is kept as text; replace it with what it produced` })
      out += `\\${char}`
      i++
      continue
    }
    if (char !== '<') {
      out += char
      i++
      continue
    }
    const rest = text.slice(i)
    const autolink = /^<((?:https?|ftp):\/\/[^\s>]+|[^\s@<>]+@[^\s@<>]+\.[a-z]+)>/i.exec(rest)
    if (autolink) {
      const target = autolink[1]!
      out += `[${escapeBrackets(target)}](${target.includes('@') && !target.includes('://') ? `mailto:${target}` : target})`
      i += autolink[0].length
      continue
    }
    const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^<>]*?)(\/?)>/.exec(rest)
    if (tag) {
      const [whole, closing, rawName, , selfClosing] = tag
      const name = rawName!.toLowerCase()
      if (name === 'img' && !closing) {
        const attrs = attributes(whole)
        const title = attrs.title ? ` "${attrs.title.replace(/"/g, '\\"')}"` : ''
        out += attrs.src ? `![${escapeBrackets(attrs.alt ?? '')}](${imageTarget(attrs.src, found)}${title})` : ''
        if (!attrs.src) unconverted.push({ line, message: `<img> without src dropped: ${whole}` })
        i += whole.length
        continue
      }
      if (name === 'br') {
        out += '<br />'
        i += whole.length
        continue
      }
      if (SIMPLE_TAGS[name] && !selfClosing && !/\S/.test(tag[3]!.replace(/\s+/g, ''))) {
        out += SIMPLE_TAGS[name]![closing ? 1 : 0]
        i += whole.length
        continue
      }
      if (KEPT_TAGS.has(name) && tag[3]!.trim() === '') {
        out += whole.toLowerCase()
        i += whole.length
        continue
      }
      if (name === 'a' && !closing) {
        const close = rest.toLowerCase().indexOf('</a>')
        const href = attributes(whole).href
        if (href && close !== -1) {
          const label = rest.slice(whole.length, close)
          out += `[${convertProse(label, line, found)}](${href.replace(/ /g, '%20')})`
          i += close + '</a>'.length
          continue
        }
      }
      if (name === 'p') {
        i += whole.length
        continue
      }
      unconverted.push({ line, message: `HTML ${whole.length > 60 ? `${whole.slice(0, 57)}…` : whole} is not converted; it is shown as text (use Markdown, or a component from content/README.md)` })
    }
    out += '\\<'
    i++
  }
  return out
}

/**
 * Block-level HTML that WordPress exports write one per line: headings and list
 * items become Markdown, list wrappers and bare paragraph tags disappear.
 */
function blockHtml(line: string): string {
  const heading = /^\s*<h([1-6])\b[^>]*>(.*)<\/h\1>\s*$/i.exec(line)
  if (heading) return `${'#'.repeat(Math.max(2, Number(heading[1])))} ${heading[2]!.trim()}`
  const item = /^(\s*)<li\b[^>]*>(.*?)(?:<\/li>)?\s*$/i.exec(line)
  if (item) return `${item[1]}- ${item[2]!.trim()}`
  if (/^\s*<\/?(?:ul|ol)\b[^>]*>\s*$/i.test(line)) return ''
  return line
}

/** Splits a line into prose, inline code and inline math, converting only the prose. */
function convertLine(line: string, lineNumber: number, found: Findings): string {
  let out = ''
  let prose = ''
  let i = 0
  const flush = () => {
    out += convertProse(prose, lineNumber, found)
    prose = ''
  }
  while (i < line.length) {
    const char = line[i]!
    if (char === '\\' && i + 1 < line.length) {
      prose += line.slice(i, i + 2)
      i += 2
      continue
    }
    if (char === '`') {
      const run = /^`+/.exec(line.slice(i))![0]
      const close = line.indexOf(run, i + run.length)
      if (close !== -1) {
        flush()
        out += line.slice(i, close + run.length)
        i = close + run.length
        continue
      }
    }
    if (char === '$') {
      const run = line.startsWith('$$', i) ? '$$' : '$'
      let j = i + run.length
      for (; j < line.length; j++) {
        if (line[j] === '\\') {
          j++
          continue
        }
        if (line.startsWith(run, j)) break
      }
      if (j < line.length) {
        flush()
        out += line.slice(i, j + run.length)
        i = j + run.length
        continue
      }
    }
    prose += char
    i++
  }
  flush()
  return out
}

export function importMarkdown(source: string, fileName: string): ImportedPost {
  const notes: ImportNote[] = []
  const unconverted: ImportNote[] = []
  const found: Findings = { unconverted, images: [] }
  const text = source.replace(/\r\n?/g, '\n')
  const front = convertFrontMatter(text, fileName, notes, unconverted)
  const body = text.split('\n').slice(front.lines)

  const pass1 = dollarDelimiters(body, front.lines + 1)
  const prepared = prepareBareEnvironments(pass1.lines.join('\n'))
  const origin = (preparedLine: number) => pass1.origins[(prepared.lines[preparedLine - 1] ?? preparedLine) - 1] ?? preparedLine
  for (const problem of prepared.problems) {
    const line = origin(problem.line)
    if (/is written outside math/.test(problem.message)) notes.push({ line, message: `${/\\\w+\{[^}]*\}/.exec(problem.message)?.[0] ?? 'a reference'} in prose was wrapped in $…$` })
    else unconverted.push({ line, message: problem.message })
  }

  const lines = prepared.source.split('\n')
  const out: string[] = []
  let fence: string | null = null
  let mathBlock = false
  /** An HTML comment spanning lines: what came before it on its first line, and its lines so far. */
  let comment: { before: string; lines: string[]; line: number } | null = null
  lines.forEach((line, index) => {
    const source = origin(index + 1)
    if (comment) {
      const end = line.indexOf('-->')
      if (end === -1) {
        comment.lines.push(line)
        return
      }
      comment.lines.push(line.slice(0, end))
      // Written over as many lines as the source took, so later lines keep their numbers.
      out.push(`${comment.before}{/*${comment.lines.join('\n').replace(/\*\//g, '* /')}*/}${convertLine(line.slice(end + 3), source, found)}`)
      comment = null
      return
    }
    const trimmed = line.trimStart()
    if (fence) {
      if (trimmed.startsWith(fence) && trimmed.slice(fence.length).trim() === '') fence = null
      out.push(line)
      return
    }
    const opening = /^(`{3,}|~{3,})/.exec(trimmed)
    if (opening) {
      fence = opening[1]!
      out.push(line)
      return
    }
    if (mathBlock || trimmed.startsWith('$$')) {
      // As the compiler reads it: a $$ block runs to the next line holding $$.
      const rest = mathBlock ? trimmed : trimmed.slice(2)
      mathBlock = !rest.includes('$$')
      out.push(line)
      return
    }
    if (/^\s*<!--\s*more\s*-->\s*$/i.test(line)) {
      out.push('{/* more */}')
      return
    }
    const commentStart = line.indexOf('<!--')
    if (commentStart !== -1 && !line.slice(0, commentStart).includes('`')) {
      const before = convertLine(line.slice(0, commentStart), source, found)
      const end = line.indexOf('-->', commentStart)
      if (end !== -1) {
        const inner = line.slice(commentStart + 4, end).trim()
        out.push(`${before}{/* ${inner.replace(/\*\//g, '* /')} */}${convertLine(line.slice(end + 3), source, found)}`)
        return
      }
      comment = { before, lines: [line.slice(commentStart + 4)], line: source }
      return
    }
    out.push(convertLine(blockHtml(line), source, found))
  })
  if (comment) {
    const open = comment as { before: string; lines: string[]; line: number }
    unconverted.push({ line: open.line, message: 'an HTML comment <!-- is never closed; the rest of the file was kept as a comment' })
    out.push(`${open.before}{/*${open.lines.join('\n').replace(/\*\//g, '* /')}*/}`)
  }

  const slugCandidate = front.slug ? slugify(front.slug) : slugify(path.basename(fileName, path.extname(fileName)))
  const slug = SLUG.test(slugCandidate) ? slugCandidate : 'imported-post'
  if (!SLUG.test(slugCandidate)) unconverted.push({ line: 1, message: `no usable slug in the file name or front matter; wrote ${slug}.mdx — rename it` })
  else if (slug !== (front.slug ?? path.basename(fileName, path.extname(fileName)))) notes.push({ line: 1, message: `slug "${slug}"` })
  const mdx = `---\n${front.yaml}\n---\n${out.join('\n').replace(/\s+$/, '')}\n`
  return { slug, mdx, images: [...new Set(found.images)], unconverted: unconverted.sort((a, b) => a.line - b.line), notes: notes.sort((a, b) => a.line - b.line) }
}
