import type { Metadata } from 'next'
import { ResendVerificationForm } from '@/app/_components/resend-verification-form'
import { requirePermission } from '@/lib/auth/current-user'
import { pendingEmailChange } from '@/lib/auth/email-links'
import { getNotificationSettings } from '@/lib/mail/notifications'
import { roleLabels } from '@/lib/auth/role-labels'
import { ChangeEmailForm } from './change-email-form'
import { ChangePasswordForm } from './change-password-form'
import { DeleteAccountForm } from './delete-account-form'
import { NotificationSettingsForm } from './notification-settings-form'
import { RenameForm } from './rename-form'

export const metadata: Metadata = { title: '账户', robots: { index: false } }

const joinedDate = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: 'Asia/Shanghai' })

export default async function AccountPage() {
  const user = await requirePermission('account.view', { returnTo: '/account' })
  const [pendingEmail, notifications] = await Promise.all([pendingEmailChange(user), getNotificationSettings(user.id)])
  return (
    <main id="main" className="account-page">
      <h1>账户</h1>
      <dl className="account-summary">
        <dt>邮箱</dt>
        <dd>
          {user.email} {user.emailVerified ? <span className="badge">已验证</span> : <span className="badge badge-warning">未验证</span>}
        </dd>
        {pendingEmail && (
          <>
            <dt>待确认的新邮箱</dt>
            <dd>{pendingEmail}（打开发到这个邮箱的链接后生效）</dd>
          </>
        )}
        <dt>角色</dt>
        <dd>{roleLabels[user.role]}</dd>
        <dt>注册于</dt>
        <dd>{joinedDate.format(user.createdAt)}</dd>
      </dl>
      {!user.emailVerified && (
        <section className="account-notice" aria-labelledby="verify-heading">
          <h2 id="verify-heading">验证邮箱</h2>
          <p>邮箱验证之前，你可以登录和阅读，但不能发表评论。请打开我们发到 {user.email} 的链接（24 小时内有效）。</p>
          <ResendVerificationForm email={user.email} />
        </section>
      )}
      <RenameForm currentName={user.name} />
      <ChangeEmailForm hasPassword={user.hasPassword} />
      <ChangePasswordForm hasPassword={user.hasPassword} />
      <NotificationSettingsForm
        replies={notifications?.replies ?? true}
        feedback={notifications?.feedback ?? false}
        canReceiveFeedback={user.role !== 'member'}
        emailVerified={user.emailVerified}
      />
      <DeleteAccountForm hasPassword={user.hasPassword} />
    </main>
  )
}
