import type { Metadata } from 'next'
import { env } from '@/lib/env'
import { siteConfig } from '@/lib/site/config'
import './globals.css'
import './styles/math.css'

export const metadata: Metadata = {
  metadataBase: new URL(env.SITE_URL),
  title: { default: siteConfig.name, template: `%s - ${siteConfig.name}` },
  description: siteConfig.description,
}

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  )
}
