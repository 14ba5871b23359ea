'use client'

import Link from 'next/link'
import { useActionState, useRef } from 'react'
import { FormStatus } from '@/app/_components/form-status'
import { fieldError } from '@/lib/actions/action-result'
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/field-limits'
import { PasswordField } from '../account-fields'
import { resetPasswordAction } from './actions'

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(resetPasswordAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  if (state?.ok) {
    return (
      <div className="account-form">
        <FormStatus state={state} formRef={formRef} />
        <p>
          <Link href="/login">去登录</Link>
        </p>
      </div>
    )
  }
  return (
    <form ref={formRef} action={formAction} className="account-form" aria-label="设置新密码">
      <FormStatus state={state} formRef={formRef} />
      <input type="hidden" name="token" value={token} />
      <PasswordField
        label="新密码"
        name="password"
        purpose="new-password"
        hint={`至少 ${PASSWORD_MIN_LENGTH} 个字符；一句好记的长句子比复杂的短密码更安全`}
        error={fieldError(state, 'password')}
      />
      <button type="submit" disabled={pending}>
        {pending ? '正在保存…' : '设置新密码'}
      </button>
      {state && !state.ok && !state.fieldErrors.password ? (
        <p>
          <Link href="/forgot-password">重新申请重设密码</Link>
        </p>
      ) : null}
    </form>
  )
}
