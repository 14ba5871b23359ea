import type { Metadata } from 'next'
import { env } from '@/lib/env'
import { siteConfig } from '@/lib/site/config'
import { SiteHeader } from './_components/site-header'
import './globals.css'

export const metadata: Metadata = {
  metadataBase: new URL(env.SITE_URL),
  title: { default: siteConfig.name, template: `%s - ${siteConfig.name}` },
  description: siteConfig.description,
}

// Stays static: no cookies() or headers() here. The header's session menu is a
// client component that asks /api/auth/session.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>
        <SiteHeader />
        {children}
      </body>
    </html>
  )
}
