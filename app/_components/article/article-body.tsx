import { getMDXComponent } from 'mdx-bundler/client'

interface ArticleBodyProps {
  code: string
  math: readonly string[]
}

/**
 * Renders compiled MDX on the server. Formulas arrive as prerendered MathML
 * strings, so the browser receives plain markup and no code for the content.
 */
export function ArticleBody({ code, math }: ArticleBodyProps) {
  const Content = getMDXComponent(code)
  return (
    <Content
      components={{
        MathBlock: ({ i }: { i: string }) => (
          <div className="math-display" dangerouslySetInnerHTML={{ __html: math[Number(i)] ?? '' }} />
        ),
        MathInline: ({ i }: { i: string }) => (
          <span className="math-inline" dangerouslySetInnerHTML={{ __html: math[Number(i)] ?? '' }} />
        ),
      }}
    />
  )
}
