'use client'

import { useActionState, useEffect, useRef } from 'react'
import { FormField } from '@/app/_components/form-field'
import { FormStatus } from '@/app/_components/form-status'
import { fieldError, submittedValue } from '@/lib/actions/action-result'
import { DISPLAY_NAME_MAX_LENGTH } from '@/lib/auth/field-limits'
import { refreshSessionSummary } from '@/lib/auth/use-session-summary'
import { renameAction } from './actions'

export function RenameForm({ currentName }: { currentName: string }) {
  const [state, formAction, pending] = useActionState(renameAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    // The header shows the name too.
    if (state?.ok) void refreshSessionSummary()
  }, [state])
  const name = state?.ok ? state.data.name : submittedValue(state, 'name', currentName)
  return (
    <form ref={formRef} action={formAction} className="account-form" aria-labelledby="rename-heading">
      <h2 id="rename-heading">显示名称</h2>
      <FormStatus state={state} formRef={formRef} />
      <FormField
        label="显示名称"
        name="name"
        autoComplete="nickname"
        required
        maxLength={DISPLAY_NAME_MAX_LENGTH * 2}
        hint={`最多 ${DISPLAY_NAME_MAX_LENGTH} 个字符`}
        defaultValue={name}
        error={fieldError(state, 'name')}
      />
      <button type="submit" disabled={pending}>
        保存名称
      </button>
    </form>
  )
}
