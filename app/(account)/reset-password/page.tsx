import type { Metadata } from 'next'
import Link from 'next/link'
import { inspectToken } from '@/lib/auth/email-links'
import { firstParam, type SearchParams } from '@/lib/request/search-params'
import { ResetPasswordForm } from './reset-password-form'

export const metadata: Metadata = { title: '设置新密码', robots: { index: false } }

const refusals = {
  used: '这个重设链接已经用过了。',
  expired: '这个重设链接已经过期（链接 30 分钟内有效）。',
  unknown: '这个重设链接无效。',
} as const

/** Opened from the reset mail. Looking does not use the link; setting the password does. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const token = firstParam((await searchParams).token) ?? ''
  const state = /^[A-Za-z0-9_-]{43}$/.test(token) ? await inspectToken('reset-password', token) : 'unknown'
  return (
    <main id="main" className="account-page">
      <h1>设置新密码</h1>
      {state === 'valid' ? (
        <ResetPasswordForm token={token} />
      ) : (
        <>
          <p className="form-error" role="alert">
            {refusals[state]}
          </p>
          <p>
            <Link href="/forgot-password">重新申请重设密码</Link>
          </p>
        </>
      )}
    </main>
  )
}
