import type { Metadata } from 'next'
import { requirePermission } from '@/lib/auth/current-user'
import { roleLabels } from '@/lib/auth/role-labels'
import { ChangePasswordForm } from './change-password-form'
import { DeleteAccountForm } from './delete-account-form'
import { RenameForm } from './rename-form'

export const metadata: Metadata = { title: '账户', robots: { index: false } }

const joinedDate = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: 'Asia/Shanghai' })

export default async function AccountPage() {
  const user = await requirePermission('account.view', { returnTo: '/account' })
  return (
    <main id="main" className="account-page">
      <h1>账户</h1>
      <dl className="account-summary">
        <dt>邮箱</dt>
        <dd>{user.email}</dd>
        <dt>角色</dt>
        <dd>{roleLabels[user.role]}</dd>
        <dt>注册于</dt>
        <dd>{joinedDate.format(user.createdAt)}</dd>
      </dl>
      <RenameForm currentName={user.name} />
      <ChangePasswordForm hasPassword={user.hasPassword} />
      <DeleteAccountForm hasPassword={user.hasPassword} />
    </main>
  )
}
