'use client'

import { useActionState, useRef } from 'react'
import { FormStatus } from '@/app/_components/form-status'
import { fieldError, submittedValue } from '@/lib/actions/action-result'
import { EmailField, PasswordField } from '../account-fields'
import { changeEmailAction } from './actions'

export function ChangeEmailForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, formAction, pending] = useActionState(changeEmailAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  return (
    <form ref={formRef} action={formAction} className="account-form" aria-labelledby="email-heading">
      <h2 id="email-heading">更换邮箱</h2>
      <p>我们会给新邮箱发一个确认链接；打开之前，仍使用现在的邮箱登录和接收通知。</p>
      <FormStatus state={state} formRef={formRef} />
      <EmailField hint="新的邮箱" defaultValue={state?.ok ? '' : submittedValue(state, 'email')} error={fieldError(state, 'email')} />
      {hasPassword && <PasswordField label="当前密码" name="password" purpose="current-password" error={fieldError(state, 'password')} />}
      <button type="submit" disabled={pending}>
        {pending ? '正在发送…' : '发送确认链接'}
      </button>
    </form>
  )
}
