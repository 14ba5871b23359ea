/** Turns submitted form data into a plain object for zod: one value per name, arrays for repeated names. */
export function formDataToObject(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const object: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {}
  for (const name of new Set(formData.keys())) {
    // React adds $ACTION_… entries to identify the server action.
    if (name.startsWith('$ACTION')) continue
    const all = formData.getAll(name)
    object[name] = all.length === 1 && all[0] !== undefined ? all[0] : all
  }
  return object
}

/** Field names whose values are never echoed back to the browser. */
const secretField = /password|secret|token/i

/**
 * What the form should show again after a failure: every text field as it was
 * typed, except passwords (a browser must not receive them back, and the member
 * types them again anyway).
 */
export function echoableValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [name, value] of formData.entries()) {
    if (name.startsWith('$ACTION') || secretField.test(name) || typeof value !== 'string') continue
    values[name] = value
  }
  return values
}
