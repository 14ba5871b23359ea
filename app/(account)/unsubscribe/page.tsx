import type { Metadata } from 'next'
import Link from 'next/link'
import { readUnsubscribeToken } from '@/lib/mail/secrets'
import { unsubscribePaths } from '@/lib/mail/notifications'
import { firstParam, type SearchParams } from '@/lib/request/search-params'

export const metadata: Metadata = { title: '退订通知', robots: { index: false } }

const topicLabels = { replies: '回复通知', feedback: '留言通知' } as const

/** The footer link of a notification: one button, which posts to /api/unsubscribe. */
export default async function UnsubscribePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams
  const done = firstParam(params.done)
  const token = firstParam(params.token) ?? ''
  const parsed = readUnsubscribeToken(token)
  return (
    <main id="main" className="account-page">
      <h1>退订通知</h1>
      {done === 'replies' || done === 'feedback' ? (
        <p role="status">已退订{topicLabels[done]}。随时可以在<Link href="/account">账户页</Link>重新打开。</p>
      ) : parsed ? (
        <form method="post" action={unsubscribePaths.oneClick(token)} className="account-form" aria-label="退订通知">
          <input type="hidden" name="from" value="page" />
          <p>不再给你发{topicLabels[parsed.topic]}邮件。</p>
          <button type="submit">退订{topicLabels[parsed.topic]}</button>
        </form>
      ) : (
        <p className="form-error" role="alert">
          这个退订链接无效。登录后可以在<Link href="/account">账户页</Link>关闭通知。
        </p>
      )}
    </main>
  )
}
