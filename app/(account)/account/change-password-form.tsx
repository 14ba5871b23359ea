'use client'

import { useActionState, useRef } from 'react'
import { FormStatus } from '@/app/_components/form-status'
import { fieldError } from '@/lib/actions/action-result'
import { PasswordField } from '../account-fields'
import { changePasswordAction } from './actions'

export function ChangePasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, formAction, pending] = useActionState(changePasswordAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  const title = hasPassword ? '修改密码' : '设置密码'
  return (
    <form ref={formRef} action={formAction} className="account-form" aria-labelledby="password-heading">
      <h2 id="password-heading">{title}</h2>
      <p>修改后，其他设备上的登录会全部退出。</p>
      <FormStatus state={state} formRef={formRef} />
      {hasPassword && (
        <PasswordField label="当前密码" name="currentPassword" purpose="current-password" error={fieldError(state, 'currentPassword')} />
      )}
      <PasswordField label="新密码" name="newPassword" purpose="new-password" error={fieldError(state, 'newPassword')} />
      <button type="submit" disabled={pending}>
        {title}
      </button>
    </form>
  )
}
