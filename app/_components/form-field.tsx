'use client'

import { useId, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react'

type InputProps = Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'autoComplete' | 'defaultValue' | 'required' | 'minLength' | 'maxLength' | 'autoFocus' | 'inputMode' | 'spellCheck'
>

type TextAreaProps = Pick<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'defaultValue' | 'value' | 'onChange' | 'required' | 'maxLength' | 'rows' | 'autoFocus' | 'placeholder'
>

interface FieldProps {
  label: string
  name: string
  /** Shown under the field before anything goes wrong, e.g. the length rule. */
  hint?: string
  /** The server's message for this field; marks it invalid and is read with it. */
  error?: string
}

/** Ids tying a control to its hint and error, so both are announced with it (aria-describedby). */
function useFieldDescription({ hint, error }: Pick<FieldProps, 'hint' | 'error'>) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  return {
    id,
    hintId,
    errorId,
    controlProps: {
      id,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': [errorId, hintId].filter(Boolean).join(' ') || undefined,
    },
  }
}

function FieldMessages({ hint, error, hintId, errorId }: Pick<FieldProps, 'hint' | 'error'> & { hintId?: string; errorId?: string }) {
  return (
    <>
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
    </>
  )
}

/** A labelled input whose hint and error are announced with it. */
export function FormField({ label, name, hint, error, type = 'text', ...input }: FieldProps & InputProps) {
  const { id, hintId, errorId, controlProps } = useFieldDescription({ hint, error })
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input name={name} type={type} {...controlProps} {...input} />
      <FieldMessages hint={hint} error={error} hintId={hintId} errorId={errorId} />
    </div>
  )
}

/** The multi-line sibling of FormField, for messages and comments. */
export function FormTextArea({ label, name, hint, error, ...textarea }: FieldProps & TextAreaProps) {
  const { id, hintId, errorId, controlProps } = useFieldDescription({ hint, error })
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <textarea name={name} {...controlProps} {...textarea} />
      <FieldMessages hint={hint} error={error} hintId={hintId} errorId={errorId} />
    </div>
  )
}
