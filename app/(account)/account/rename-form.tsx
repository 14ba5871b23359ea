'use client'

import { useActionState, useEffect, useRef } from 'react'
import { FormStatus } from '@/app/_components/form-status'
import { fieldError, submittedValue } from '@/lib/actions/action-result'
import { refreshSessionSummary } from '@/lib/auth/use-session-summary'
import { DisplayNameField } from '../account-fields'
import { renameAction } from './actions'

export function RenameForm({ currentName }: { currentName: string }) {
  const [state, formAction, pending] = useActionState(renameAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    // The header shows the name too.
    if (state?.ok) void refreshSessionSummary()
  }, [state])
  return (
    <form ref={formRef} action={formAction} className="account-form" aria-labelledby="rename-heading">
      <h2 id="rename-heading">显示名称</h2>
      <FormStatus state={state} formRef={formRef} />
      <DisplayNameField
        defaultValue={state?.ok ? state.data.name : submittedValue(state, 'name', currentName)}
        error={fieldError(state, 'name')}
      />
      <button type="submit" disabled={pending}>
        保存名称
      </button>
    </form>
  )
}
