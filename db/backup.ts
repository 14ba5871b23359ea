import 'server-only'
import fs from 'node:fs'
import path from 'node:path'
import type { DatabaseHandle } from './connection'
import { migrationsFolder } from './migrate'

/**
 * A backup is one SQL file that restores into PGlite and PostgreSQL alike:
 * each table's rows as a JSON literal expanded by json_populate_recordset.
 * The schema itself comes from the migrations, so a backup records which
 * migration it was taken at and refuses to restore into another.
 *
 * Rate-limit events are not backed up: they expire within a day anyway.
 */

// Parents before children; comments reference themselves, which one statement handles.
const TABLES = ['users', 'oauth_accounts', 'comments', 'feedback_messages', 'audit_log'] as const
const IDENTITY_TABLES = ['comments', 'feedback_messages', 'audit_log'] as const

export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

export function latestMigrationTag(): string {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[]
  }
  return journal.entries.at(-1)?.tag ?? 'none'
}

function sqlLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`
}

export async function dumpDatabase(handle: DatabaseHandle): Promise<string> {
  const lines = [
    `-- 格物志 backup, taken ${new Date().toISOString()}`,
    `-- schema: ${latestMigrationTag()}`,
    '-- Restore with: npm run db:restore -- <this file> (into an empty, migrated database)',
    'BEGIN;',
  ]
  for (const table of TABLES) {
    const [row] = await handle.query<{ rows: unknown }>(
      `select coalesce(json_agg(t), '[]'::json)::text as rows from (select * from ${table} order by 1) t`,
    )
    const json = typeof row?.rows === 'string' ? row.rows : JSON.stringify(row?.rows ?? [])
    lines.push(`-- ${table}`)
    lines.push(
      `INSERT INTO ${table} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(NULL::${table}, ${sqlLiteral(json)});`,
    )
  }
  for (const table of IDENTITY_TABLES) {
    // Restored ids must not be handed out again.
    lines.push(
      `SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce((SELECT max(id) FROM ${table}), 0) + 1, false);`,
    )
  }
  lines.push('COMMIT;', '')
  return lines.join('\n')
}

export async function restoreDatabase(handle: DatabaseHandle, backup: string): Promise<void> {
  const schema = /^-- schema: (.+)$/m.exec(backup)?.[1]?.trim()
  const expected = latestMigrationTag()
  if (!schema) throw new BackupError('This file is not a backup made by npm run db:backup (no schema line).')
  if (schema !== expected) {
    throw new BackupError(`The backup was taken at migration ${schema}, but this code is at ${expected}. Restore it with the matching version of the site, then upgrade.`)
  }
  for (const table of TABLES) {
    const [row] = await handle.query<{ count: number | string }>(`select count(*)::int as count from ${table}`)
    if (Number(row?.count ?? 0) > 0) {
      throw new BackupError(`Refusing to restore: table ${table} is not empty. Restore into a fresh database.`)
    }
  }
  await handle.execScript(backup)
}
