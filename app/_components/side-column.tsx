import { SiteLink } from '@/app/_components/site-link'
import { getPostMetas } from '@/lib/content/posts.server'
import { archiveOf, categoriesOf, tagsOf } from '@/lib/content/taxonomy'
import { paths } from '@/lib/site/urls'
import { RecentComments } from './recent-comments'

const POPULAR_TAGS = 24

/**
 * The side column (below the content on phones). Everything here is static
 * except recent comments, which load from the database after the page and
 * disappear quietly when it is unavailable.
 */
export function SideColumn() {
  const posts = getPostMetas()
  const months = archiveOf(posts).flatMap((year) => year.months)
  return (
    <aside className="side-column" aria-label="侧栏">
      <section className="side-block" aria-labelledby="side-join">
        <h2 id="side-join">参与</h2>
        <ul>
          <li>
            <SiteLink href={paths.register()}>注册</SiteLink> / <SiteLink href={paths.login()}>登录</SiteLink>
          </li>
          <li>
            <SiteLink href={paths.archive()}>文章归档</SiteLink>
          </li>
          <li>
            <SiteLink href={paths.feedback()}>给编辑留言</SiteLink>
          </li>
          <li>
            <SiteLink href={paths.feed()}>RSS 订阅</SiteLink>
          </li>
        </ul>
      </section>
      <RecentComments />
      <section className="side-block" aria-labelledby="side-categories">
        <h2 id="side-categories">分类</h2>
        <ul>
          {categoriesOf(posts).map((category) => (
            <li key={category.name}>
              <SiteLink href={paths.category(category.name)}>{category.name}</SiteLink>
              <span className="count">({category.count})</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="side-block side-block--tags" aria-labelledby="side-tags">
        <h2 id="side-tags">标签</h2>
        <ul>
          {tagsOf(posts)
            .slice(0, POPULAR_TAGS)
            .map((tag) => (
              <li key={tag.name}>
                <SiteLink href={paths.tag(tag.name)}>{tag.name}</SiteLink>
                <span className="count">({tag.count})</span>
              </li>
            ))}
        </ul>
      </section>
      <section className="side-block" aria-labelledby="side-months">
        <h2 id="side-months">按月归档</h2>
        <ul>
          {months.slice(0, 18).map((month) => (
            <li key={`${month.year}-${month.month}`}>
              <SiteLink href={paths.archiveMonth(month.year, month.month)}>
                {month.year}年{Number(month.month)}月
              </SiteLink>
              <span className="count">({month.posts.length})</span>
            </li>
          ))}
        </ul>
        {months.length > 18 ? <SiteLink href={paths.archive()}>全部归档 →</SiteLink> : null}
      </section>
    </aside>
  )
}
