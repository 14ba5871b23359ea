'use client'

import { useActionState, useRef } from 'react'
import { FormField } from '@/app/_components/form-field'
import { FormStatus } from '@/app/_components/form-status'
import { fieldError, submittedValue } from '@/lib/actions/action-result'
import { DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/field-limits'
import { registerAction } from './actions'

export function RegisterForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(registerAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  return (
    <form ref={formRef} action={formAction} className="account-form" aria-label="注册">
      <FormStatus state={state} formRef={formRef} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormField
        label="显示名称"
        name="name"
        autoComplete="nickname"
        required
        // Counted in code points on the server; the browser counts UTF-16 units, so allow emoji room.
        maxLength={DISPLAY_NAME_MAX_LENGTH * 2}
        hint={`评论旁显示的名字，最多 ${DISPLAY_NAME_MAX_LENGTH} 个字符`}
        defaultValue={submittedValue(state, 'name')}
        error={fieldError(state, 'name')}
      />
      <FormField
        label="邮箱"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        required
        maxLength={EMAIL_MAX_LENGTH}
        hint="用于登录，不会公开"
        defaultValue={submittedValue(state, 'email')}
        error={fieldError(state, 'email')}
      />
      <FormField
        label="密码"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
        hint={`至少 ${PASSWORD_MIN_LENGTH} 个字符；一句好记的长句子比复杂的短密码更安全`}
        error={fieldError(state, 'password')}
      />
      <button type="submit" disabled={pending}>
        {pending ? '正在注册…' : '注册'}
      </button>
    </form>
  )
}
