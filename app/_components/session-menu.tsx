'use client'

import { signOut } from 'next-auth/react'
import { usePathname } from 'next/navigation'
import { useState } from 'react'
import { SiteLink } from '@/app/_components/site-link'
import { useSessionSummary } from '@/lib/auth/use-session-summary'

/** Pages that only make sense signed in: signing out there goes home instead. */
const memberOnlyPrefixes = ['/account', '/admin']

function returnPathAfterSignOut(pathname: string): string {
  return memberOnlyPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`)) ? '/' : pathname
}

export function SessionMenu() {
  const session = useSessionSummary()
  const pathname = usePathname()
  const [signingOut, setSigningOut] = useState(false)

  if (session.status === 'loading') {
    // Same place, no flicker of "登录" for members while the session loads.
    return <div className="session-menu" aria-hidden="true" />
  }

  if (session.status === 'guest') {
    const back = new URLSearchParams({ callbackUrl: pathname })
    return (
      <nav aria-label="账户" className="session-menu">
        <SiteLink href={`/login?${back}`}>登录</SiteLink>
        <SiteLink href={`/register?${back}`}>注册</SiteLink>
      </nav>
    )
  }

  return (
    <nav aria-label="账户" className="session-menu">
      <span className="session-name">{session.user.name}</span>
      <SiteLink href="/account">账户</SiteLink>
      {session.user.role === 'member' ? null : <SiteLink href="/admin">管理</SiteLink>}
      <button
        type="button"
        disabled={signingOut}
        onClick={() => {
          setSigningOut(true)
          void signOut({ callbackUrl: returnPathAfterSignOut(pathname) })
        }}
      >
        退出
      </button>
    </nav>
  )
}
