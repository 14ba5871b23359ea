'use client'

import { useActionState, useRef } from 'react'
import { FormStatus } from '@/app/_components/form-status'
import { fieldError, submittedValue } from '@/lib/actions/action-result'
import { EmailField, PasswordField } from '../account-fields'
import { signInAction } from './actions'

export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const [state, formAction, pending] = useActionState(signInAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  return (
    <form ref={formRef} action={formAction} className="account-form" aria-label="登录">
      {state ? (
        <FormStatus state={state} formRef={formRef} />
      ) : (
        initialError && (
          <p className="form-error" role="alert">
            {initialError}
          </p>
        )
      )}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <EmailField defaultValue={submittedValue(state, 'email')} error={fieldError(state, 'email')} />
      <PasswordField label="密码" name="password" purpose="current-password" error={fieldError(state, 'password')} />
      <button type="submit" disabled={pending}>
        {pending ? '正在登录…' : '登录'}
      </button>
    </form>
  )
}
