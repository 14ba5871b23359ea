'use client'

import { FormField } from '@/app/_components/form-field'
import { DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/field-limits'

/** The fields the account forms share, with their names, limits and autocomplete hints in one place. */

interface FieldProps {
  error?: string
  defaultValue?: string
  hint?: string
}

export function DisplayNameField({ error, defaultValue, hint = `最多 ${DISPLAY_NAME_MAX_LENGTH} 个字符` }: FieldProps) {
  return (
    <FormField
      label="显示名称"
      name="name"
      autoComplete="nickname"
      required
      // The server counts code points; the browser counts UTF-16 units, so leave room for emoji.
      maxLength={DISPLAY_NAME_MAX_LENGTH * 2}
      hint={hint}
      defaultValue={defaultValue}
      error={error}
    />
  )
}

export function EmailField({ error, defaultValue, hint }: FieldProps) {
  return (
    <FormField
      label="邮箱"
      name="email"
      type="email"
      autoComplete="email"
      inputMode="email"
      spellCheck={false}
      required
      maxLength={EMAIL_MAX_LENGTH}
      hint={hint}
      defaultValue={defaultValue}
      error={error}
    />
  )
}

interface PasswordFieldProps {
  label: string
  name: string
  /** 'new-password' also announces the length rule. */
  purpose: 'current-password' | 'new-password'
  error?: string
  hint?: string
}

/** Passwords are never given a value: after a failed submission they are typed again. */
export function PasswordField({ label, name, purpose, error, hint }: PasswordFieldProps) {
  const isNew = purpose === 'new-password'
  return (
    <FormField
      label={label}
      name={name}
      type="password"
      autoComplete={purpose}
      required
      minLength={isNew ? PASSWORD_MIN_LENGTH : undefined}
      maxLength={isNew ? PASSWORD_MAX_LENGTH : undefined}
      hint={hint ?? (isNew ? `至少 ${PASSWORD_MIN_LENGTH} 个字符` : undefined)}
      error={error}
    />
  )
}
