import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { safeCallbackPath } from '@/lib/auth/callback-url'
import { getCurrentUser } from '@/lib/auth/current-user'
import { messageForSignInError } from '@/lib/auth/sign-in-errors'
import { env } from '@/lib/env'
import { firstParam, type SearchParams } from '@/lib/request/search-params'
import { GitHubSignIn } from './github-sign-in'
import { LoginForm } from './login-form'

export const metadata: Metadata = { title: '登录', robots: { index: false } }

/** next-auth's sign-in page (`pages.signIn`); also where its errors land (`?error=`). */
export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams
  const callbackUrl = safeCallbackPath(firstParam(params.callbackUrl), env.SITE_URL)
  const user = await getCurrentUser()
  if (user && user.actor !== 'disabled') redirect(callbackUrl)
  const error = firstParam(params.error)
  const gitHubEnabled = Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET)

  return (
    <main id="main" className="account-page">
      <h1>登录</h1>
      <LoginForm callbackUrl={callbackUrl} initialError={error ? messageForSignInError(error) : undefined} />
      {gitHubEnabled && <GitHubSignIn callbackUrl={callbackUrl} />}
      <p>
        <Link href="/forgot-password">忘记密码？</Link>
      </p>
      <p>
        还没有账户？<Link href={`/register?${new URLSearchParams({ callbackUrl })}`}>注册</Link>
      </p>
    </main>
  )
}
