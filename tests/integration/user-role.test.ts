import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '@/db'
import { openDatabase, type DatabaseTarget } from '@/db/connection'
import { migrateDatabase } from '@/db/migrate'
import { auditLog, users } from '@/db/schema'
import { runUserRoleCommand, USAGE } from '@/scripts/lib/user-role-command'

describe('npm run user:role', () => {
  it('explains its usage when the arguments are wrong', async () => {
    for (const args of [[], ['ada@example.com'], ['ada@example.com', 'owner'], ['ada@example.com', 'admin', 'extra']]) {
      expect(await runUserRoleCommand(args)).toEqual({ code: 2, out: [], err: [USAGE] })
    }
  })

  it('says when no member has the email', async () => {
    expect(await runUserRoleCommand(['nobody@example.com', 'admin'])).toEqual({
      code: 1,
      out: [],
      err: ['No member has the email nobody@example.com.'],
    })
  })

  it('sets the role, whatever the case of the email, and writes one audit entry per change', async () => {
    const [member] = await db.insert(users).values({ email: 'Grace@Example.com', name: 'Grace' }).returning()
    if (!member) throw new Error('member not inserted')

    const promoted = await runUserRoleCommand(['grace@example.COM', 'editor'])
    expect(promoted).toEqual({ code: 0, out: ['Grace@Example.com (Grace): member → editor. They see it at their next request.'], err: [] })
    expect((await db.select().from(users).where(eq(users.id, member.id)))[0]?.role).toBe('editor')

    const unchanged = await runUserRoleCommand(['Grace@Example.com', 'editor'])
    expect(unchanged.out).toEqual(['Grace@Example.com (Grace) is already editor; nothing changed.'])

    const entries = await db.select().from(auditLog).where(eq(auditLog.targetId, member.id))
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      actorId: null,
      actorLabel: 'command line (npm run user:role)',
      action: 'member.role',
      targetType: 'member',
      details: { email: 'Grace@Example.com', from: 'member', to: 'editor' },
    })
  })

  it('runs as a command against the configured database', async () => {
    // PostgreSQL: this file's own database. PGlite: a directory of its own, since
    // the in-memory database of this process cannot be reached from another.
    const postgresUrl = process.env.DATABASE_URL
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-role-'))
    const target: DatabaseTarget = postgresUrl ? { kind: 'postgres', url: postgresUrl } : { kind: 'pglite', dataDir: path.join(dir, 'pglite') }
    const env: NodeJS.ProcessEnv = postgresUrl
      ? { ...process.env, DATABASE_URL: postgresUrl }
      : { ...withoutDatabase(process.env), DATA_DIR: dir, PGLITE_DIR: path.join(dir, 'pglite') }

    const setup = openDatabase(target, { poolSize: 1 })
    if (target.kind === 'pglite') await migrateDatabase(setup)
    await setup.db.insert(users).values({ email: 'cli@example.com', name: '命令行' })
    await setup.close()

    const result = spawnSync('npm', ['run', '--silent', 'user:role', '--', 'cli@example.com', 'admin'], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(result.stderr).toBe('')
    expect(result.stdout.trim()).toBe('[site] cli@example.com (命令行): member → admin. They see it at their next request.')
    expect(result.status).toBe(0)

    const check = openDatabase(target, { poolSize: 1 })
    const [row] = await check.db.select({ role: users.role }).from(users).where(eq(sql`lower(${users.email})`, 'cli@example.com'))
    await check.close()
    expect(row?.role).toBe('admin')
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

function withoutDatabase(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, PGLITE_DIR: _dir, ...rest } = env
  return rest
}
