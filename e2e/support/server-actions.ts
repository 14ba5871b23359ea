import fs from 'node:fs'
import path from 'node:path'
import type { APIRequestContext } from '@playwright/test'

/**
 * Calling server actions the way an attacker would: a POST with the action's
 * `Next-Action` id and a form, without the page or its buttons. The ids come
 * from the build's manifest, so a test can call an action whose form the UI
 * never showed it.
 */

interface ManifestEntry {
  filename: string
  exportedName: string
}

/** The id of `exportName` in `file` (e.g. 'app/admin/members/actions.ts') in the current build. */
export function serverActionId(file: string, exportName: string): string {
  const manifestPath = path.join(process.cwd(), '.next/server/server-reference-manifest.json')
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { node: Record<string, ManifestEntry> }
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === exportName)
  if (!found) throw new Error(`No server action ${exportName} in ${file}: was the site built from these sources?`)
  return found[0]
}

export interface ActionCall {
  /** The page the request claims to come from; actions are POSTed to a page. */
  path: string
  actionId: string
  /** The form fields, as a `useActionState` form would send them. */
  fields: Record<string, string>
  /** E.g. a client address of its own (X-Forwarded-For). */
  headers?: Record<string, string>
}

/**
 * Posts the form in React's encoding for `action(previousState, formData)`, as
 * the browser does: every field of the form as `_1_<name>`, then argument list
 * `0` = `[null, "$K1"]` (no previous state, the form collected under `_1_`).
 * The list must come last: the server reads the form as it streams in, and
 * builds the form argument from the fields received before it.
 * Returns the HTTP status, the response text (React's flight format, where
 * the action's result is one line) and the headers (a `redirect()` in the
 * action arrives as `x-action-redirect: <path>;push`).
 */
export async function callServerAction(
  request: APIRequestContext,
  baseURL: string,
  call: ActionCall,
): Promise<{ status: number; text: string; headers: Record<string, string> }> {
  const multipart = new FormData()
  for (const [name, value] of Object.entries(call.fields)) multipart.append(`_1_${name}`, value)
  multipart.append('0', JSON.stringify([null, '$K1']))
  const response = await request.post(call.path, {
    headers: { 'next-action': call.actionId, accept: 'text/x-component', origin: baseURL, ...call.headers },
    multipart,
  })
  // The flight response has no charset; it is UTF-8.
  return { status: response.status(), text: (await response.body()).toString('utf8'), headers: response.headers() }
}

/** The action's `ActionResult` fields that matter to a test, read from the flight text. */
export function actionOutcome(text: string): { ok: boolean | null; error: string | null } {
  const ok = /"ok":(true|false)/.exec(text)
  const error = /"ok":false,"error":("(?:[^"\\]|\\.)*")/.exec(text)
  return { ok: ok ? ok[1] === 'true' : null, error: error?.[1] ? (JSON.parse(error[1]) as string) : null }
}
