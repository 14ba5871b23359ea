import { SiteLink } from '@/app/_components/site-link'
import { getPostMetas } from '@/lib/content/posts.server'
import { tagsOf } from '@/lib/content/taxonomy'
import { paths } from '@/lib/site/urls'

const SUGGESTED_TAGS = 12

/** Shown when nothing matched: other ways into the articles. */
export function SearchSuggestions() {
  const tags = tagsOf(getPostMetas()).slice(0, SUGGESTED_TAGS)
  return (
    <section className="search-empty" aria-labelledby="search-empty-title">
      <h2 id="search-empty-title">换个方式找找</h2>
      <p>
        试试更短的关键词或换一种说法，也可以<SiteLink href={paths.archive()}>浏览全部文章归档</SiteLink>。
      </p>
      {tags.length > 0 ? (
        <>
          <h3>热门标签</h3>
          <ul className="tag-cloud">
            {tags.map((tag) => (
              <li key={tag.name}>
                <SiteLink href={paths.tag(tag.name)}>{tag.name}</SiteLink>
                <span className="count">（{tag.count}）</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
