import { handOffBody } from '@/lib/content/render/body-handoff'
import { renderMdxToHtml } from '@/lib/content/render/mdx-to-html'
import { withFormulaTools } from '@/lib/reader/formula-tools'
import { paths } from '@/lib/site/urls'
import { PrerenderedBody } from './prerendered-body'

interface ArticleBodyProps {
  slug: string
  code: string
  math: readonly string[]
}

/**
 * The article body, rendered to HTML here at build time. The MDX is evaluated
 * only on the server and the body ships as HTML alone: it goes to the
 * prerendered page through body-handoff.ts instead of the RSC payload, so the
 * browser neither downloads it twice nor hydrates it.
 */
export function ArticleBody({ slug, code, math }: ArticleBodyProps) {
  handOffBody(slug, withFormulaTools(renderMdxToHtml(code, math)))
  return <PrerenderedBody slug={slug} href={paths.article(slug)} />
}
