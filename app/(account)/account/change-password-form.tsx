'use client'

import { useActionState, useRef } from 'react'
import { FormField } from '@/app/_components/form-field'
import { FormStatus } from '@/app/_components/form-status'
import { fieldError } from '@/lib/actions/action-result'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/field-limits'
import { changePasswordAction } from './actions'

export function ChangePasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, formAction, pending] = useActionState(changePasswordAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  return (
    <form ref={formRef} action={formAction} className="account-form" aria-labelledby="password-heading">
      <h2 id="password-heading">{hasPassword ? '修改密码' : '设置密码'}</h2>
      <p>修改后，其他设备上的登录会全部退出。</p>
      <FormStatus state={state} formRef={formRef} />
      {hasPassword && (
        <FormField
          label="当前密码"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={fieldError(state, 'currentPassword')}
        />
      )}
      <FormField
        label="新密码"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
        hint={`至少 ${PASSWORD_MIN_LENGTH} 个字符`}
        error={fieldError(state, 'newPassword')}
      />
      <button type="submit" disabled={pending}>
        {hasPassword ? '修改密码' : '设置密码'}
      </button>
    </form>
  )
}
