import type { Metadata } from 'next'
import Link from 'next/link'
import { ForgotPasswordForm } from './forgot-password-form'

export const metadata: Metadata = { title: '找回密码', robots: { index: false } }

export default function ForgotPasswordPage() {
  return (
    <main id="main" className="account-page">
      <h1>找回密码</h1>
      <p>填写注册时用的邮箱，我们会发一个重设密码的链接给你，30 分钟内有效。</p>
      <ForgotPasswordForm />
      <p>
        想起来了？<Link href="/login">登录</Link>
      </p>
    </main>
  )
}
