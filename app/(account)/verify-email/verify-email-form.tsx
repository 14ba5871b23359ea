'use client'

import Link from 'next/link'
import { useActionState, useEffect, useRef } from 'react'
import { FormStatus } from '@/app/_components/form-status'
import { refreshSessionSummary } from '@/lib/auth/use-session-summary'
import { verifyEmailAction } from './actions'

export function VerifyEmailForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(verifyEmailAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    // A role may have come with the proof (ADMIN_EMAILS): the header shows it.
    if (state?.ok) void refreshSessionSummary()
  }, [state])
  if (state?.ok) {
    return (
      <div className="account-form">
        <FormStatus state={state} formRef={formRef} />
        <p>
          <Link href="/account">前往账户页</Link>
        </p>
      </div>
    )
  }
  return (
    <form ref={formRef} action={formAction} className="account-form" aria-label="验证邮箱">
      <FormStatus state={state} formRef={formRef} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" disabled={pending}>
        {pending ? '正在验证…' : '验证邮箱'}
      </button>
    </form>
  )
}
