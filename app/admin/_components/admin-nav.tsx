'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

export interface AdminNavItem {
  href: string
  label: string
  /** Shown after the label, e.g. the number of new messages. */
  badge?: number
}

function isCurrent(pathname: string, href: string): boolean {
  return href === '/admin' ? pathname === href : pathname === href || pathname.startsWith(`${href}/`)
}

/** The admin area's sections; which ones a member sees is decided by the layout. */
export function AdminNav({ items }: { items: AdminNavItem[] }) {
  const pathname = usePathname()
  return (
    <nav className="admin-nav" aria-label="管理">
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={isCurrent(pathname, item.href) ? 'page' : undefined}>
              {item.label}
              {item.badge ? <span className="admin-badge">{item.badge}<span className="visually-hidden"> 条新留言</span></span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
