import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The boundary of eslint.config.mjs: the running site reads the content catalog
// and never imports the compiler. `npm run lint` (part of `npm test`) checks the
// whole tree; these cases show the rule fires for each way in, and stays quiet
// where compiling is the job.
const eslint = new ESLint({ cwd: process.cwd() })

async function messagesFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file, warnIgnored: false })
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`)
}

describe('the content boundary', () => {
  it.each([
    ['a page importing the compiler', 'app/(site)/example/page.tsx', "import { compilePost } from '@/lib/content/compile/compile-post.server'\n"],
    ['a route importing the catalog builder', 'app/api/example/route.ts', "import { buildCatalog } from '@/lib/content/build/build-catalog.server'\n"],
    ['a comment action importing a plugin relatively', 'lib/comments/example.ts', "import { remarkComponents } from '../content/compile/remark-components'\n"],
    ['the content API reading sources', 'lib/content/example.server.ts', "import { readPostFiles } from './post-files.server'\n"],
    ['a module importing MDX itself', 'lib/feeds/example.ts', "import { compile } from '@mdx-js/mdx'\n"],
    ['a lazy import of the compiler', 'lib/comments/lazy.ts', "export const load = () => import('@/lib/content/compile/compile-post.server')\n"],
  ])('refuses %s', async (_, file, code) => {
    const messages = await messagesFor(file, code)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(/^no-restricted-(imports|syntax): .*never compiles articles|^no-restricted-imports: .*MDX and its plugins run at build time only/)
  })

  it('cannot be switched off with an inline comment', async () => {
    const messages = await messagesFor(
      'app/example.tsx',
      "// eslint-disable-next-line no-restricted-imports\nimport { compilePost } from '@/lib/content/compile/compile-post.server'\n",
    )
    expect(messages.some((message) => message.startsWith('no-restricted-imports:'))).toBe(true)
  })

  it('keeps lib/auth below lib/actions, so the two cannot import each other again', async () => {
    const messages = await messagesFor('lib/auth/example.ts', "import { defineMemberAction } from '@/lib/actions/define-action'\n")
    expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: .*lib\/auth must not import lib\/actions/)])
    expect(await messagesFor('lib/actions/example.ts', "import { can } from '@/lib/auth/permissions'\n")).toEqual([])
  })

  it('lets the build side and the catalog reader do their work', async () => {
    expect(await messagesFor('lib/content/build/example.server.ts', "import { compilePost } from '../compile/compile-post.server'\n")).toEqual([])
    expect(await messagesFor('app/(site)/example/page.tsx', "import { getPost } from '@/lib/content/posts.server'\n")).toEqual([])
  })
})
