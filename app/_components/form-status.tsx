'use client'

import { useEffect, useRef, type RefObject } from 'react'
import type { ActionState } from '@/lib/actions/action-result'

/**
 * The form-level message of an action result: an alert for failures, a polite
 * status for success. After a failure, focus moves to the first invalid field,
 * or to this message when no single field is to blame.
 */
export function FormStatus({ state, formRef }: { state: ActionState<unknown>; formRef: RefObject<HTMLFormElement | null> }) {
  const messageRef = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    if (!state || state.ok) return
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')
    ;(invalid ?? messageRef.current)?.focus()
  }, [state, formRef])

  if (!state) return null
  if (state.ok) {
    return state.message ? (
      <p className="form-success" role="status">
        {state.message}
      </p>
    ) : null
  }
  return (
    <p ref={messageRef} className="form-error" role="alert" tabIndex={-1}>
      {state.error}
    </p>
  )
}
