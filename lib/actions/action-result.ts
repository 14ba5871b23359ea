/**
 * What every server action returns to its form (through `useActionState`).
 * Expected failures (validation, permission, limits, "wrong password") are
 * values with a message for people; unexpected ones throw to error.tsx.
 */

export type FieldErrors = Partial<Record<string, string>>

export type ActionResult<T = null> =
  | { ok: true; data: T; message?: string }
  | {
      ok: false
      /** One sentence for the whole form, e.g. "请检查标出的字段". */
      error: string
      /** The first problem of each field, by field name. */
      fieldErrors: FieldErrors
      /** What was submitted, so the form shows it again. Never includes passwords. */
      values: Record<string, string>
    }

/** The state `useActionState` holds: null before the first submission. */
export type ActionState<T = null> = ActionResult<T> | null

/** What a handler inside `validatedAction` returns; the wrapper adds `values`. */
export type ActionOutcome<T> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: FieldErrors }

export function succeed<T>(data: T, message?: string): ActionOutcome<T> {
  return message === undefined ? { ok: true, data } : { ok: true, data, message }
}

export function fail(error: string, fieldErrors: FieldErrors = {}): { ok: false; error: string; fieldErrors: FieldErrors } {
  return { ok: false, error, fieldErrors }
}

/** Messages the wrapper itself answers with. */
export const actionMessages = {
  signInRequired: '请先登录',
  disabled: '您的账户已被停用，无法进行此操作',
  forbidden: '您没有权限进行此操作',
  invalidInput: '请检查标出的内容',
  databaseUnavailable: '数据库暂时不可用，请稍后再试',
  invalidRequest: '提交的内容无效，请刷新页面后重试',
  emailUnverified: '请先验证邮箱：打开注册时发到你邮箱的链接。没有收到？可以在评论区或账户页重新发送。',
} as const

/** The value a form field should show: what was just submitted after a failure, else `fallback`. */
export function submittedValue(state: ActionState<unknown>, field: string, fallback = ''): string {
  return state && !state.ok ? (state.values[field] ?? fallback) : fallback
}

/** The error of one field after a failed submission, if any. */
export function fieldError(state: ActionState<unknown>, field: string): string | undefined {
  return state && !state.ok ? state.fieldErrors[field] : undefined
}
