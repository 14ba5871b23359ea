import fs from 'node:fs'
import path from 'node:path'
import { checkContent } from '@/lib/content/build/check-content.server'
import { importMarkdown } from '@/lib/content/build/import-markdown'
import { postsRoot } from '@/lib/content/post-files.server'
import { formatProblem } from '@/lib/content/problems'

// npm run import -- <file|dir>… [--out <dir>] [--force]
//
// Converts Markdown written for MathJax blogs into our MDX (content/README.md,
// section 8), writes content/posts/<slug>.mdx (or into --out), lists what it
// could not convert as source:line, then checks what it wrote exactly as
// `npm run content:check` does. Exit code 1 when a written article has a problem.
const args = process.argv.slice(2)
const flag = (name: string) => args.indexOf(name)
const outAt = flag('--out')
const outDirectory = outAt === -1 ? postsRoot : path.resolve(args[outAt + 1] ?? '')
const force = flag('--force') !== -1
const inputs = args.filter((arg, index) => !arg.startsWith('--') && index !== outAt + 1)
if (inputs.length === 0) {
  console.error('usage: npm run import -- <file.md|folder>… [--out <dir>] [--force]')
  process.exit(2)
}

function* markdownFiles(entry: string): Generator<string> {
  const stat = fs.statSync(entry)
  if (stat.isFile()) yield entry
  else for (const name of fs.readdirSync(entry).sort()) if (/\.(md|markdown)$/i.test(name) || fs.statSync(path.join(entry, name)).isDirectory()) yield* markdownFiles(path.join(entry, name))
}

const written: string[] = []
let unconvertedCount = 0
for (const input of inputs) {
  for (const file of markdownFiles(path.resolve(input))) {
    const shown = path.relative(process.cwd(), file)
    const imported = importMarkdown(fs.readFileSync(file, 'utf8'), file)
    const target = path.join(outDirectory, `${imported.slug}.mdx`)
    if (fs.existsSync(target) && !force) {
      console.error(`${shown}: ${path.relative(process.cwd(), target)} exists; not overwritten (--force to replace it)`)
      process.exitCode = 1
      continue
    }
    fs.mkdirSync(outDirectory, { recursive: true })
    fs.writeFileSync(target, imported.mdx)
    for (const image of imported.images) {
      const from = path.resolve(path.dirname(file), image)
      const to = path.join(outDirectory, imported.slug, path.basename(image))
      if (!fs.existsSync(from)) continue // content:check below names the missing image with its line
      fs.mkdirSync(path.dirname(to), { recursive: true })
      fs.copyFileSync(from, to)
    }
    written.push(target)
    console.log(`${shown} → ${path.relative(process.cwd(), target)}`)
    for (const note of imported.notes) console.log(`  ${shown}:${note.line}: ${note.message}`)
    for (const item of imported.unconverted) console.log(`  ${shown}:${item.line}: not converted: ${item.message}`)
    unconvertedCount += imported.unconverted.length
  }
}

if (written.length > 0) {
  const { problems } = await checkContent(written)
  for (const problem of problems) console.error(formatProblem(problem))
  console.log(
    `Imported ${written.length} article(s); ${unconvertedCount} thing(s) to convert by hand; content check: ${problems.length === 0 ? 'no problems' : `${problems.length} problem(s)`}.`,
  )
  if (problems.length > 0) process.exitCode = 1
}
