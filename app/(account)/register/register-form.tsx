'use client'

import { useActionState, useRef } from 'react'
import { FormStatus } from '@/app/_components/form-status'
import { fieldError, submittedValue } from '@/lib/actions/action-result'
import { DISPLAY_NAME_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/field-limits'
import { DisplayNameField, EmailField, PasswordField } from '../account-fields'
import { registerAction } from './actions'

export function RegisterForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(registerAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  return (
    <form ref={formRef} action={formAction} className="account-form" aria-label="注册">
      <FormStatus state={state} formRef={formRef} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <DisplayNameField
        hint={`评论旁显示的名字，最多 ${DISPLAY_NAME_MAX_LENGTH} 个字符`}
        defaultValue={submittedValue(state, 'name')}
        error={fieldError(state, 'name')}
      />
      <EmailField hint="用于登录，不会公开" defaultValue={submittedValue(state, 'email')} error={fieldError(state, 'email')} />
      <PasswordField
        label="密码"
        name="password"
        purpose="new-password"
        hint={`至少 ${PASSWORD_MIN_LENGTH} 个字符；一句好记的长句子比复杂的短密码更安全`}
        error={fieldError(state, 'password')}
      />
      <button type="submit" disabled={pending}>
        {pending ? '正在注册…' : '注册'}
      </button>
    </form>
  )
}
