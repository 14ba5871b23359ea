'use client'

import { useActionState, useRef } from 'react'
import { FormField } from '@/app/_components/form-field'
import { FormStatus } from '@/app/_components/form-status'
import { fieldError } from '@/lib/actions/action-result'
import { DELETED_MEMBER_LABEL } from '@/lib/auth/display-name'
import { PasswordField } from '../account-fields'
import { deleteAccountAction } from './actions'

export function DeleteAccountForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, formAction, pending] = useActionState(deleteAccountAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  return (
    <form ref={formRef} action={formAction} className="account-form danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading">删除账户</h2>
      <p>账户会立即删除，无法恢复。您发表过的评论会保留，署名显示为“{DELETED_MEMBER_LABEL}”。</p>
      <FormStatus state={state} formRef={formRef} />
      {hasPassword ? (
        <PasswordField label="密码" name="password" purpose="current-password" error={fieldError(state, 'password')} />
      ) : (
        // Members who joined through GitHub have no password to confirm with.
        <FormField label="输入您的邮箱以确认" name="confirmEmail" type="email" autoComplete="off" required error={fieldError(state, 'confirmEmail')} />
      )}
      <button type="submit" disabled={pending}>
        永久删除我的账户
      </button>
    </form>
  )
}
