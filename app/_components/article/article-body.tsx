import { handOffBody } from '@/lib/content/render/body-handoff'
import { env } from '@/lib/env'
import { withFormulaTools } from '@/lib/reader/formula-tools'
import { paths } from '@/lib/site/urls'
import { PrerenderedBody } from './prerendered-body'

interface ArticleBodyProps {
  slug: string
  /** The body as the catalog holds it: HTML, rendered when the content was built. */
  html: string
}

/**
 * The article body, as HTML from the content catalog with the reader's
 * formula tools written in. It ships as HTML alone: it goes to the prerendered
 * page through body-handoff.ts instead of the RSC payload, so the browser
 * neither downloads it twice nor hydrates it.
 */
export function ArticleBody({ slug, html }: ArticleBodyProps) {
  const body = withFormulaTools(html)
  // `next dev` refreshes a page in place when the content watcher rebuilds the
  // catalog; the shell below keeps the body it adopted, so there the body comes
  // through the payload instead (nothing is prerendered in development anyway).
  if (env.NODE_ENV === 'development') return <div className="prose" data-body-of={slug} dangerouslySetInnerHTML={{ __html: body }} />
  handOffBody(slug, body)
  return <PrerenderedBody slug={slug} href={paths.article(slug)} />
}
