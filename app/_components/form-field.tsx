'use client'

import { useId, type InputHTMLAttributes } from 'react'

type InputProps = Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'autoComplete' | 'defaultValue' | 'required' | 'minLength' | 'maxLength' | 'autoFocus' | 'inputMode' | 'spellCheck'
>

interface FormFieldProps extends InputProps {
  label: string
  name: string
  /** Shown under the field before anything goes wrong, e.g. the length rule. */
  hint?: string
  /** The server's message for this field; marks it invalid and is read with it. */
  error?: string
}

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function FormField({ label, name, hint, error, type = 'text', ...input }: FormFieldProps) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type={type} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  )
}
