'use client'

import { useActionState, useRef } from 'react'
import { FormStatus } from '@/app/_components/form-status'
import { resendVerificationAction } from '@/app/(account)/account/actions'

/** "Resend the verification mail", for a member whose address is not proven yet (here and under articles). */
export function ResendVerificationForm({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState(resendVerificationAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  return (
    <form ref={formRef} action={formAction} className="inline-form" aria-label="重新发送验证邮件">
      <FormStatus state={state} formRef={formRef} />
      <input type="hidden" name="email" value={email} />
      <button type="submit" disabled={pending}>
        {pending ? '正在发送…' : '重新发送验证邮件'}
      </button>
    </form>
  )
}
