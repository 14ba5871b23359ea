import { ActionButton, type AdminFormAction } from './action-button'

interface ConfirmActionProps {
  action: AdminFormAction
  fields: Record<string, string>
  /** The verb, e.g. "删除": the disclosure says it, the button confirms it. */
  label: string
  target: string
  /** What happens, said before the confirming button. */
  consequence: string
}

/**
 * A destructive action behind a second step: the first button only opens a
 * disclosure (<details>, no script and no dialog library needed) that says what
 * will happen and holds the confirming button.
 */
export function ConfirmAction({ action, fields, label, target, consequence }: ConfirmActionProps) {
  return (
    <details className="admin-confirm">
      <summary className="admin-button admin-button--danger" aria-label={`${label}…：${target}`}>
        {label}…
      </summary>
      <div className="admin-confirm__panel">
        <p>{consequence}</p>
        <ActionButton action={action} fields={fields} label={`确认${label}`} target={target} danger />
      </div>
    </details>
  )
}
