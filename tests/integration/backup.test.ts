import { describe, expect, inject, it } from 'vitest'
import { getDatabaseHandle } from '@/db'
import { BackupError, dumpDatabase, restoreDatabase } from '@/db/backup'
import { openDatabase } from '@/db/connection'
import { migrateDatabase } from '@/db/migrate'
import { naughtyStrings } from '@/tests/support/hostile-input'
import { createTestDatabase } from '@/tests/support/test-database'

describe('backup and restore', () => {
  it('round-trips every table byte-exact into a fresh database, ids and sequences included', async () => {
    const source = getDatabaseHandle()
    const tricky = naughtyStrings.slice(0, 60).join('\n')
    await source.execScript(`
      insert into users (id, email, name, role) values
        ('00000000-0000-4000-8000-000000000001', 'a@example.com', 'Ada ''quote'' \\ backslash', 'admin'),
        ('00000000-0000-4000-8000-000000000002', 'b@example.com', '林析', 'member');
      insert into oauth_accounts (provider, provider_account_id, user_id) values ('github', '42', '00000000-0000-4000-8000-000000000002');
    `)
    const [top] = await source.query<{ id: number }>(
      `insert into comments (post_slug, author_id, body, body_html) values ('x', '00000000-0000-4000-8000-000000000002', '顶层', '<p>顶层</p>') returning id`,
    )
    await source.query(
      `insert into comments (post_slug, parent_id, thread_id, depth, author_id, body, body_html) values ('x', ${top!.id}, ${top!.id}, 1, null, '回复', '<p>回复</p>')`,
    )
    await source.query(`insert into feedback_messages (name, body, status) values ('访客', ${`'${tricky.replace(/'/g, "''")}'`}, 'read')`)
    await source.query(
      `insert into audit_log (actor_label, action, target_type, target_id, details) values ('Ada <a@example.com>', 'member.role', 'member', '2', '{"from":"member","to":"editor"}')`,
    )

    const backup = await dumpDatabase(source)

    // Same engine as the source (a new PostgreSQL database, or PGlite), and also
    // always PGlite: a backup moves between the two.
    for (const target of [
      await createTestDatabase({ baseUrl: inject('baseDatabaseUrl') || undefined, inMemory: true, label: 'restore' }),
      await createTestDatabase({ inMemory: true }),
    ]) {
    const handle = openDatabase(target.target, { poolSize: 1 })
    try {
      await migrateDatabase(handle)
      await restoreDatabase(handle, backup)
      // Compared as the database's own JSON text, so both drivers' value types agree.
      const rowsOf = async (db: typeof source, table: string) =>
        (await db.query<{ rows: string | null }>(`select json_agg(t order by 1)::text as rows from ${table} t`))[0]?.rows
      for (const table of ['users', 'oauth_accounts', 'comments', 'feedback_messages', 'audit_log']) {
        const original = await rowsOf(source, table)
        expect(original, table).toBeTruthy()
        expect(await rowsOf(handle, table), table).toBe(original)
      }
      const [feedback] = await handle.query<{ body: string }>('select body from feedback_messages')
      expect(feedback!.body).toBe(tricky)
      // New rows continue after the restored ids.
      const [next] = await handle.query<{ id: number }>(`insert into comments (post_slug, body, body_html) values ('y', 'n', 'n') returning id`)
      expect(Number(next!.id)).toBeGreaterThan(Number(top!.id) + 1)

      await expect(restoreDatabase(handle, backup)).rejects.toThrow(BackupError)
      await expect(restoreDatabase(handle, backup.replace(/^-- schema: .*$/m, '-- schema: 9999_future'))).rejects.toThrow(/migration 9999_future/)
    } finally {
      await handle.close()
      await target.dispose()
    }
    }
  })
})
