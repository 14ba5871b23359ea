'use client'

/** Unexpected failures on the account pages (a database outage while rendering, a bug). */
export default function AccountError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="account-page">
      <h1>出了点问题</h1>
      <p role="alert">页面暂时无法显示，可能是数据库暂时不可用。请稍后再试。</p>
      <button type="button" onClick={reset}>
        重试
      </button>
    </main>
  )
}
