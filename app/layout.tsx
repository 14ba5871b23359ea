import type { Metadata, Viewport } from 'next'
import { env } from '@/lib/env'
import { KATEX_STYLESHEET } from '@/lib/math/katex-assets'
import { siteConfig } from '@/lib/site/config'
import { ClientNavigation } from './_components/client-navigation'
import { SiteFooter } from './_components/site-footer'
import { SiteHeader } from './_components/site-header'
import { themeBootScript } from './_components/theme'
import './globals.css'
import './styles/layout.css'
import './styles/components.css'
import './styles/search.css'
import './styles/article.css'
import './styles/math.css'
import './styles/blocks.css'
import './styles/code.css'
import './styles/forms.css'
import './styles/comments.css'
import './styles/admin.css'
import './styles/print.css'

export const metadata: Metadata = {
  metadataBase: new URL(env.SITE_URL),
  title: { default: siteConfig.name, template: `%s - ${siteConfig.name}` },
  description: siteConfig.description,
  applicationName: siteConfig.name,
  authors: [{ name: siteConfig.author }],
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fbfaf7' },
    { media: '(prefers-color-scheme: dark)', color: '#15171b' },
  ],
}

// Stays static: no cookies() or headers() here. The header's session menu is a
// client component that asks /api/auth/session.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The boot script may set data-theme before React hydrates.
    <html lang="zh-CN" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeBootScript }} />
        {/* KaTeX's own stylesheet lays out every formula (app/styles/math.css only places them). */}
        <link rel="stylesheet" href={KATEX_STYLESHEET} precedence="katex" />
      </head>
      <body>
        <a className="skip-link" href="#main">
          跳到正文
        </a>
        {siteConfig.banner ? (
          <div className="site-banner" role="note">
            {siteConfig.banner.href ? <a href={siteConfig.banner.href}>{siteConfig.banner.text}</a> : siteConfig.banner.text}
          </div>
        ) : null}
        <SiteHeader />
        {children}
        <SiteFooter />
        <ClientNavigation />
      </body>
    </html>
  )
}
