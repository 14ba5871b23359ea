import Link from 'next/link'
import { siteConfig } from '@/lib/site/config'
import { SessionMenu } from './session-menu'

/** The header of every page. Static: the session part fills itself in the browser. */
export function SiteHeader() {
  return (
    <header className="site-header">
      <Link href="/" className="site-name">
        {siteConfig.name}
      </Link>
      <nav aria-label="主导航" className="site-nav">
        <ul>
          {siteConfig.navigation.map((item) => (
            <li key={item.href}>
              <Link href={item.href}>{item.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <SessionMenu />
    </header>
  )
}
