import type { Metadata } from 'next'
import { SiteLink } from '@/app/_components/site-link'
import { paths } from '@/lib/site/urls'

export const metadata: Metadata = { title: '页面不存在', robots: { index: false } }

export default function NotFound() {
  return (
    <main id="main" className="site-frame site-frame--wide">
      <div className="site-main not-found">
        <p className="not-found__code" aria-hidden="true">
          404
        </p>
        <h1>没有找到这个页面</h1>
        <p>链接可能已经失效，或者地址输入有误。可以搜索一下，或者去归档里找找。</p>
        <form action={paths.search()} method="get" role="search" className="not-found__search">
          <label htmlFor="not-found-q" className="visually-hidden">
            搜索文章
          </label>
          <input id="not-found-q" name="q" type="search" placeholder="输入关键词，如：注意力、长度外推" />{' '}
          <button type="submit" className="button">
            搜索
          </button>
        </form>
        <p>
          <SiteLink href={paths.archive()}>浏览全部文章归档 →</SiteLink> · <SiteLink href="/">返回首页</SiteLink>
        </p>
      </div>
    </main>
  )
}
