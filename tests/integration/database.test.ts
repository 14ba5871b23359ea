import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db, getDatabaseHandle } from '@/db'
import { users } from '@/db/schema'

describe('database', () => {
  it('writes a row and reads the same row back', async () => {
    const [created] = await db
      .insert(users)
      .values({ email: 'Ada@Example.com', name: '艾达 Lovelace' })
      .returning()
    expect(created?.role).toBe('member')

    const [read] = await db.select().from(users).where(eq(users.id, created!.id))
    expect(read).toMatchObject({ email: 'Ada@Example.com', name: '艾达 Lovelace', role: 'member' })
  })

  it('rejects a second account whose email differs only in case', async () => {
    await db.insert(users).values({ email: 'grace@example.com', name: 'Grace' })
    await expect(
      db.insert(users).values({ email: 'GRACE@example.com', name: 'Grace again' }),
    ).rejects.toThrow()
  })

  it('runs against the driver selected by the environment', async () => {
    const handle = getDatabaseHandle()
    const expected = process.env.DATABASE_URL ? 'postgres' : 'pglite'
    expect(handle.target.kind).toBe(expected)
    const rows = await handle.query<{ answer: number }>('select 6 * 7 as answer')
    expect(rows[0]?.answer).toBe(42)
  })
})
