import { renderMdxToHtml } from '@/lib/content/render/mdx-to-html'

interface ArticleBodyProps {
  code: string
  math: readonly string[]
}

/**
 * The article body, rendered to HTML once at build time. It is handed to React
 * as a string on purpose: the body is static markup with no components, and a
 * string costs the browser nothing to hydrate (see mdx-to-html.ts).
 */
export function ArticleBody({ code, math }: ArticleBodyProps) {
  return <div className="prose" dangerouslySetInnerHTML={{ __html: renderMdxToHtml(code, math) }} />
}
