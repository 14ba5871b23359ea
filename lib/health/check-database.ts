import 'server-only'
import { getDatabaseHandle } from '@/db'

export type DatabaseStatus = 'ok' | 'down'

const TIMEOUT_MS = 3000

/** Asks the database for one row, giving up after a few seconds. */
export async function checkDatabase(): Promise<DatabaseStatus> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'down'>((resolve) => {
    timer = setTimeout(() => resolve('down'), TIMEOUT_MS)
  })
  const probe = (async (): Promise<DatabaseStatus> => {
    const rows = await getDatabaseHandle().query<{ ok: number }>('select 1 as ok')
    return rows[0]?.ok === 1 ? 'ok' : 'down'
  })().catch((): DatabaseStatus => 'down')
  try {
    return await Promise.race([probe, timeout])
  } finally {
    clearTimeout(timer)
  }
}
