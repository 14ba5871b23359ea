import { usePathname } from 'next/navigation'
import { useEffect, useSyncExternalStore } from 'react'
import type { UserRole } from '@/db/schema'

/**
 * Who is signed in, as the browser sees it. Pages are prerendered and the same
 * for everyone, so client components ask /api/auth/session (served by next-auth,
 * checked against the database on every call) instead of the page knowing.
 *
 * For display only: anything that matters is checked again on the server.
 */
export type SessionSummary =
  | { status: 'loading' }
  | { status: 'guest' }
  | { status: 'signed-in'; user: { id: string; name: string; role: UserRole } }

const loading: SessionSummary = { status: 'loading' }
let current: SessionSummary = loading
let inFlight: Promise<void> | undefined
const listeners = new Set<() => void>()

function isRole(value: unknown): value is UserRole {
  return value === 'member' || value === 'editor' || value === 'admin'
}

function summaryFrom(body: unknown): SessionSummary {
  if (typeof body !== 'object' || body === null || !('user' in body)) return { status: 'guest' }
  const { user } = body
  if (
    typeof user === 'object' && user !== null &&
    'id' in user && typeof user.id === 'string' &&
    'name' in user && typeof user.name === 'string' &&
    'role' in user && isRole(user.role)
  ) {
    return { status: 'signed-in', user: { id: user.id, name: user.name, role: user.role } }
  }
  return { status: 'guest' }
}

/**
 * Asks the server again, e.g. after a form changed the display name. Sign-in,
 * registration and sign-out navigate, which refreshes by itself.
 */
export function refreshSessionSummary(): Promise<void> {
  inFlight ??= fetch('/api/auth/session', { cache: 'no-store', credentials: 'same-origin' })
    .then(async (response) => {
      // A failed request keeps what we knew rather than flashing "signed out".
      if (response.ok) current = summaryFrom(await response.json())
    })
    .catch(() => {})
    .finally(() => {
      inFlight = undefined
      for (const listener of listeners) listener()
    })
  return inFlight
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useSessionSummary(): SessionSummary {
  const pathname = usePathname()
  useEffect(() => {
    void refreshSessionSummary()
  }, [pathname])
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refreshSessionSummary()
    }
    document.addEventListener('visibilitychange', onVisible)
    return () => document.removeEventListener('visibilitychange', onVisible)
  }, [])
  return useSyncExternalStore(subscribe, () => current, () => loading)
}
