'use client'

import { useActionState, useRef } from 'react'
import { FormStatus } from '@/app/_components/form-status'
import { fieldError, submittedValue } from '@/lib/actions/action-result'
import { EmailField } from '../account-fields'
import { requestPasswordResetAction } from './actions'

export function ForgotPasswordForm() {
  const [state, formAction, pending] = useActionState(requestPasswordResetAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  return (
    <form ref={formRef} action={formAction} className="account-form" aria-label="找回密码">
      <FormStatus state={state} formRef={formRef} />
      <EmailField hint="注册时用的邮箱" defaultValue={submittedValue(state, 'email')} error={fieldError(state, 'email')} />
      <button type="submit" disabled={pending}>
        {pending ? '正在发送…' : '发送重设链接'}
      </button>
    </form>
  )
}
