import { SiteLink } from '@/app/_components/site-link'
import { siteConfig } from '@/lib/site/config'
import { HeaderSearch } from './search/header-search'
import { SessionMenu } from './session-menu'
import { ThemeToggle } from './theme-toggle'

/** Brand, navigation and tools. Static: per-reader state (sign-in) loads separately. */
export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <SiteLink href="/" className="site-brand">
          <span className="site-brand__name">{siteConfig.name}</span>
          <span className="site-brand__tagline">{siteConfig.tagline}</span>
        </SiteLink>
        <nav className="site-nav" aria-label="主导航">
          <ul>
            {siteConfig.navigation.map((item) => (
              <li key={item.href}>
                <SiteLink href={item.href}>{item.label}</SiteLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="site-header__tools">
          <HeaderSearch />
          <ThemeToggle />
          <SessionMenu />
        </div>
      </div>
    </header>
  )
}
