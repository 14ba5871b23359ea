import type { Metadata } from 'next'
import { isDatabaseUnavailableError } from '@/db/errors'
import { getCurrentUser, type CurrentUser } from '@/lib/auth/current-user'
import { pageMetadata } from '@/lib/site/metadata'
import { paths } from '@/lib/site/urls'
import { FeedbackForm } from './feedback-form'

export const metadata: Metadata = pageMetadata({
  title: '留言',
  description: '给编辑留言：交流、建议或反馈。',
  path: paths.feedback(),
})

/**
 * Rendered per request: a member's name and email are filled in on the first
 * paint (no flash, nothing overwritten while typing), and a disabled member is
 * told why instead of getting a form that refuses. Visitors carry no session
 * cookie, so for them this costs no database query.
 */
export default async function FeedbackPage() {
  const user = await signedInMember()
  return (
    <>
      <h1 className="page-title">留言</h1>
      <p>欢迎通过留言进行交流、建议或反馈。留言只有编辑能看到，不会公开显示。</p>
      {user?.actor === 'disabled' ? (
        <p className="form-error">您的账户已被停用，无法留言。</p>
      ) : (
        <FeedbackForm defaults={{ name: user?.name ?? '', email: user?.email ?? '' }} />
      )}
    </>
  )
}

/** The member, if any; without a database the form still shows, and sending says what is wrong. */
async function signedInMember(): Promise<CurrentUser | null> {
  try {
    return await getCurrentUser()
  } catch (error) {
    if (isDatabaseUnavailableError(error)) return null
    throw error
  }
}
