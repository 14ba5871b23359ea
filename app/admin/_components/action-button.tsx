'use client'

import { useActionState } from 'react'
import type { ActionResult, ActionState } from '@/lib/actions/action-result'

export type AdminFormAction = (previous: ActionState<null>, formData: FormData) => Promise<ActionResult<null>>

interface ActionButtonProps {
  action: AdminFormAction
  /** Hidden fields that say what to act on, e.g. `{ id: '12', status: 'read' }`. */
  fields: Record<string, string>
  label: string
  /**
   * Whom or what the button acts on, part of its accessible name:
   * "标为已读：林析". Tables have many buttons with the same label.
   */
  target: string
  danger?: boolean
}

/**
 * One admin action as a one-button form. Works before hydration too (a plain
 * form post). A refusal is shown beside the button; success re-renders the page.
 */
export function ActionButton({ action, fields, label, target, danger = false }: ActionButtonProps) {
  const [state, formAction, pending] = useActionState(action, null)
  return (
    <form action={formAction} className="admin-action">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {/* The full name in aria-label: a visually hidden part would be read after a pause, as a separate word. */}
      <button type="submit" disabled={pending} className={danger ? 'admin-button admin-button--danger' : 'admin-button'} aria-label={`${label}：${target}`}>
        {label}
      </button>
      <ActionMessage state={state} />
    </form>
  )
}

/**
 * What an admin form says after an attempt: a refusal as an alert beside the
 * control; a success as a status, visible where nothing else on the page
 * changes (the role select), for screen readers only where the row itself does.
 */
export function ActionMessage({ state, showSuccess = false }: { state: ActionState<null>; showSuccess?: boolean }) {
  if (!state) return null
  if (!state.ok) {
    return (
      <p className="form-error" role="alert">
        {state.error}
      </p>
    )
  }
  return state.message ? (
    <p className={showSuccess ? 'form-success' : 'visually-hidden'} role="status">
      {state.message}
    </p>
  ) : null
}
