import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { safeCallbackPath } from '@/lib/auth/callback-url'
import { getCurrentUser } from '@/lib/auth/current-user'
import { env } from '@/lib/env'
import { firstParam, type SearchParams } from '@/lib/request/search-params'
import { RegisterForm } from './register-form'

export const metadata: Metadata = { title: '注册', robots: { index: false } }

export default async function RegisterPage({ searchParams }: { searchParams: SearchParams }) {
  const callbackUrl = safeCallbackPath(firstParam((await searchParams).callbackUrl), env.SITE_URL)
  const user = await getCurrentUser()
  if (user && user.actor !== 'disabled') redirect(callbackUrl)

  return (
    <main id="main" className="account-page">
      <h1>注册</h1>
      <p>注册后即可在文章下发表评论。</p>
      <RegisterForm callbackUrl={callbackUrl} />
      <p>
        已有账户？<Link href={`/login?${new URLSearchParams({ callbackUrl })}`}>登录</Link>
      </p>
    </main>
  )
}
