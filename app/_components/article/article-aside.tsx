import { SiteLink } from '@/app/_components/site-link'
import type { PostMeta } from '@/lib/content/posts.server'
import { bibtexCitation, CITED_ON_PLACEHOLDER, gbtCitation, plainCitation } from '@/lib/site/citation'
import { siteConfig } from '@/lib/site/config'
import { paths } from '@/lib/site/urls'
import { CitationBlock } from './citation-block'

interface ArticleAsideProps {
  post: PostMeta
  canonicalUrl: string
  previous?: PostMeta
  next?: PostMeta
  related: PostMeta[]
}

/** After the body: reprint notice, citation, neighbours and related reading. */
export function ArticleAside({ post, canonicalUrl, previous, next, related }: ArticleAsideProps) {
  const citation = {
    author: siteConfig.author,
    title: post.title,
    date: post.date,
    url: canonicalUrl,
    siteKey: siteConfig.citationKey,
    slug: post.slug,
  }
  return (
    <div className="article-aside">
      <section className="reprint-notice" aria-labelledby="reprint-title">
        <h2 id="reprint-title" className="visually-hidden">
          转载须知
        </h2>
        <p>
          转载请注明出处：<a href={canonicalUrl}>{canonicalUrl}</a>
        </p>
        <p>
          本文采用{' '}
          <a href={siteConfig.license.url} rel="license noopener">
            {siteConfig.license.name}（{siteConfig.license.shortName}）
          </a>{' '}
          许可协议。
        </p>
      </section>

      <section aria-labelledby="cite-title">
        <h2 id="cite-title">如何引用本文</h2>
        <CitationBlock
          plain={plainCitation(citation)}
          bibtex={bibtexCitation(citation)}
          gbtTemplate={gbtCitation(citation, CITED_ON_PLACEHOLDER)}
          placeholder={CITED_ON_PLACEHOLDER}
        />
      </section>

      <nav className="post-neighbours" aria-label="相邻文章">
        <span>{previous ? <SiteLink href={paths.article(previous.slug)} rel="prev">« {previous.title}</SiteLink> : <span className="muted">已是最早一篇</span>}</span>
        <span>{next ? <SiteLink href={paths.article(next.slug)} rel="next">{next.title} »</SiteLink> : <span className="muted">已是最新一篇</span>}</span>
      </nav>

      {related.length > 0 ? (
        <section className="related-posts" aria-labelledby="related-title">
          <h2 id="related-title">相关文章</h2>
          <ul>
            {related.map((item) => (
              <li key={item.slug}>
                <SiteLink href={paths.article(item.slug)}>{item.title}</SiteLink> <span className="muted">（{item.date}）</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}
