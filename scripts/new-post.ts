import { createPost } from '@/lib/content/build/new-post.server'

// npm run new -- <slug> "标题" [--category 分类]
const args = process.argv.slice(2)
const categoryAt = args.indexOf('--category')
const category = categoryAt === -1 ? undefined : args[categoryAt + 1]
const [slug, ...titleWords] = args.filter((_, index) => categoryAt === -1 || (index !== categoryAt && index !== categoryAt + 1))
if (!slug || titleWords.length === 0) {
  console.error('usage: npm run new -- <slug> "标题" [--category 分类]')
  process.exit(2)
}
const result = createPost({ slug, title: titleWords.join(' '), category })
if (!result.ok) {
  console.error(`npm run new: ${result.error}`)
  process.exit(1)
}
console.log(`Created ${result.file} (category: ${result.category}). Preview it with npm run dev at /archives/${slug}.`)
