import 'server-only'
import fs from 'node:fs'
import path from 'node:path'
import { stringify } from 'yaml'
import { postsRoot, scanPostFiles, SLUG } from '../post-files.server'

/**
 * `npm run new -- <slug> "标题"`: a new article with its front matter filled
 * in (today's date, the title, a category of the site's) and the excerpt
 * marker in place. Refuses a slug that any article already has.
 */

export interface NewPostOptions {
  slug: string
  title: string
  /** One of the existing categories, or a new one; the most used one by default. */
  category?: string
  /** YYYY-MM-DD; today (local time) by default. */
  date?: string
  postsDirectory?: string
}

export type NewPostResult = { ok: true; file: string; category: string } | { ok: false; error: string }

function today(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

export function createPost(options: NewPostOptions): NewPostResult {
  const directory = options.postsDirectory ?? postsRoot
  if (!SLUG.test(options.slug)) {
    return { ok: false, error: `"${options.slug}" is not a valid slug: use lowercase ASCII letters, digits and single hyphens (e.g. attention-sink)` }
  }
  const title = options.title.trim()
  if (!title) return { ok: false, error: 'the title is empty: npm run new -- <slug> "标题"' }
  const { posts, problems } = scanPostFiles(directory)
  const taken = [...posts.map((post) => ({ slug: post.slug, file: post.file })), ...problems.map((p) => ({ slug: path.basename(p.file, '.mdx'), file: p.file }))].find(
    (post) => post.slug === options.slug,
  )
  if (taken) return { ok: false, error: `${taken.file} already uses the slug "${options.slug}"; choose another` }
  const counts = new Map<string, number>()
  for (const post of posts) counts.set(post.frontMatter.category, (counts.get(post.frontMatter.category) ?? 0) + 1)
  // The category most articles are in; an editor names another with --category.
  const mostUsed = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))[0]?.[0]
  const category = options.category?.trim() || mostUsed || '未分类'
  const frontMatter = stringify({ title, date: options.date ?? today(), category, tags: [] }, { lineWidth: 0 }).trimEnd()
  const file = path.join(directory, `${options.slug}.mdx`)
  const body = [
    '---',
    frontMatter,
    '---',
    '',
    '开头的一两段写在这里：它们是首页和分类页上的摘要。',
    '',
    '{/* more */}',
    '',
    '## 第一节',
    '',
    '正文从这里开始。公式写在 `$…$` 或单独成行的 `$$` 里，定理、证明等组件见 content/README.md。',
    '',
  ].join('\n')
  fs.mkdirSync(directory, { recursive: true })
  // 'wx': never overwrite, even if a file appeared since the check above.
  fs.writeFileSync(file, body, { flag: 'wx' })
  return { ok: true, file: path.relative(process.cwd(), file), category }
}
