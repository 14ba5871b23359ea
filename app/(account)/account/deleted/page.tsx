import type { Metadata } from 'next'
import Link from 'next/link'

export const metadata: Metadata = { title: '账户已删除', robots: { index: false } }

export default function AccountDeletedPage() {
  return (
    <main id="main" className="account-page">
      <h1>账户已删除</h1>
      <p>您的账户和登录信息已经删除。感谢您曾经的参与。</p>
      <p>
        <Link href="/">返回首页</Link>
      </p>
    </main>
  )
}
