import { handOffBody } from '@/lib/content/render/body-handoff'
import { paths } from '@/lib/site/urls'
import { PrerenderedBody } from './prerendered-body'

interface ArticleBodyProps {
  slug: string
  /** The body as the catalog holds it: HTML, rendered when the content was built. */
  html: string
}

/**
 * The article body, as HTML from the content catalog. It ships as HTML alone:
 * it goes to the prerendered page through body-handoff.ts instead of the RSC
 * payload, so the browser neither downloads it twice nor hydrates it.
 */
export function ArticleBody({ slug, html }: ArticleBodyProps) {
  handOffBody(slug, html)
  return <PrerenderedBody slug={slug} href={paths.article(slug)} />
}
