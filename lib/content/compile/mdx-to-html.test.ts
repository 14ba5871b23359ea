import fs from 'node:fs'
import { runSync } from '@mdx-js/mdx'
import { createElement, type ComponentType } from 'react'
import * as reactRuntime from 'react/jsx-runtime'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { parseMacroFile } from '@/lib/math/macros'
import { readPostFiles } from '../post-files.server'
import { compilePost } from './compile-post.server'
import { renderMdxToHtml } from './mdx-to-html'

// The article page hands the body to React as this string; it must be exactly
// the markup React would have rendered from the same compiled MDX.
function renderWithReact(code: string, math: readonly string[]): string {
  const Content = runSync(code, { ...reactRuntime, baseUrl: import.meta.url } as Parameters<typeof runSync>[1]).default as ComponentType<{ components: object }>
  // React cannot place raw HTML without an element of its own: formulas go in as
  // marked slots, then the slots are replaced by the formulas' complete markup.
  const slot = ({ i }: { i: string }) => createElement('formula-slot', { 'data-i': i })
  return renderToStaticMarkup(createElement(Content, { components: { MathBlock: slot, MathInline: slot } })).replace(
    /<formula-slot data-i="(\d+)"><\/formula-slot>/g,
    (_, i: string) => math[Number(i)] ?? '',
  )
}

const posts = readPostFiles()
const site = { knownSlugs: new Set(posts.map((p) => p.slug)), sharedMacros: parseMacroFile(fs.readFileSync('content/macros.tex', 'utf8')) }

describe('renderMdxToHtml', () => {
  it.each(posts.map((post) => [post.slug, post] as const))('renders %s exactly as React does', async (_, post) => {
    const compiled = await compilePost(post, site)
    const ours = renderMdxToHtml(compiled.code, compiled.math)
    expect(ours.length).toBeGreaterThan(1000)
    expect(ours).toBe(renderWithReact(compiled.code, compiled.math))
  })

  it('escapes text and attributes', async () => {
    const file = 'content/posts/escape-test.mdx'
    const source = '---\ntitle: t\ndate: 2024-01-02\ncategory: c\n---\n\n1 < 2 & "q" [链接](https://example.com/?a=1&b="2")\n'
    const { parseFrontMatter } = await import('../front-matter')
    const compiled = await compilePost({ slug: 'escape-test', file, source, frontMatter: parseFrontMatter(file, source) }, site)
    const ours = renderMdxToHtml(compiled.code, compiled.math)
    expect(ours).toBe(renderWithReact(compiled.code, compiled.math))
    expect(ours).toContain('1 &lt; 2 &amp;')
  })
})
