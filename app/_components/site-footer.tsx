import Link from 'next/link'
import { siteConfig } from '@/lib/site/config'
import { paths } from '@/lib/site/urls'

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>
        © {siteConfig.name} · 本站文章除注明外均采用{' '}
        <a href={siteConfig.license.url} rel="license noopener">
          {siteConfig.license.shortName}
        </a>{' '}
        许可协议
      </p>
      <p>
        <Link href={paths.feed()}>RSS</Link> · <Link href={paths.atom()}>Atom</Link> ·{' '}
        <Link href={paths.archive()}>归档</Link> · <Link href={paths.feedback()}>留言</Link>
      </p>
    </footer>
  )
}
