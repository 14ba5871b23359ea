import type { Metadata } from 'next'
import Link from 'next/link'
import { inspectToken } from '@/lib/auth/email-links'
import { firstParam, type SearchParams } from '@/lib/request/search-params'
import { VerifyEmailForm } from './verify-email-form'

export const metadata: Metadata = { title: '验证邮箱', robots: { index: false } }

const refusals = {
  used: '这个验证链接已经用过了。',
  expired: '这个验证链接已经过期（链接 24 小时内有效）。',
  unknown: '这个验证链接无效。',
} as const

/**
 * Opened from the verification mail. Opening the page changes nothing (mail
 * scanners fetch links); the button does.
 */
export default async function VerifyEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const token = firstParam((await searchParams).token) ?? ''
  const state = /^[A-Za-z0-9_-]{43}$/.test(token) ? await inspectToken('verify-email', token) : 'unknown'
  return (
    <main id="main" className="account-page">
      <h1>验证邮箱</h1>
      {state === 'valid' ? (
        <>
          <p>确认这是你的邮箱：</p>
          <VerifyEmailForm token={token} />
        </>
      ) : (
        <>
          <p className="form-error" role="alert">
            {refusals[state]}
          </p>
          <p>
            登录后可以在<Link href="/account">账户页</Link>重新发送验证邮件。
          </p>
        </>
      )}
    </main>
  )
}
