import { SiteLink } from '@/app/_components/site-link'
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
        <SiteLink href={paths.feed()}>RSS</SiteLink> · <SiteLink href={paths.atom()}>Atom</SiteLink> ·{' '}
        <SiteLink href={paths.archive()}>归档</SiteLink> · <SiteLink href={paths.feedback()}>留言</SiteLink>
      </p>
    </footer>
  )
}
