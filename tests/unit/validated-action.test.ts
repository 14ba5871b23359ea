import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { actionMessages, fail, succeed } from '@/lib/actions/action-result'
import { echoableValues, formDataToObject } from '@/lib/actions/form-data'
import { runValidatedAction, type ActionEnvironment } from '@/lib/actions/validated-action'
import type { CurrentUser } from '@/lib/auth/current-user'
import { renameSchema, signInSchema } from '@/lib/auth/validation'
import type { RateLimitRule } from '@/lib/rate-limit/rules'

function member(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'ada@example.com',
    name: 'Ada',
    role: 'member',
    actor: 'member',
    hasPassword: true,
    emailVerified: true,
    createdAt: new Date('2025-01-01T00:00:00Z'),
    ...overrides,
  }
}

function environment(user: CurrentUser | null, overrides: Partial<ActionEnvironment> = {}): ActionEnvironment {
  return {
    getCurrentUser: async () => user,
    getClientIp: async () => '203.0.113.9',
    consumeRateLimit: async () => ({ allowed: true }),
    ...overrides,
  }
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData()
  for (const [name, value] of Object.entries(fields)) data.append(name, value)
  return data
}

const rename = { permission: 'account.rename', schema: renameSchema } as const

describe('validatedAction', () => {
  it('runs the handler with parsed input and the member, and passes its result through', async () => {
    const handler = vi.fn(async ({ name }: { name: string }, { user }: { user: CurrentUser }) =>
      succeed({ id: user.id, name }, '已保存'),
    )
    const result = await runValidatedAction(rename, handler, form({ name: '  林析 ' }), environment(member()))
    expect(result).toEqual({ ok: true, data: { id: member().id, name: '林析' }, message: '已保存' })
    expect(handler).toHaveBeenCalledOnce()
  })

  it.each([undefined, null, [], 'text', { name: '林析' }])('refuses arguments that are not a form (%j) without asking who is there', async (notAForm) => {
    const handler = vi.fn(async () => succeed(null))
    const getCurrentUser = vi.fn(async () => member())
    const result = await runValidatedAction(rename, handler, notAForm as unknown as FormData, environment(null, { getCurrentUser }))
    expect(result).toEqual({ ok: false, error: '提交的内容无效，请刷新页面后重试', fieldErrors: {}, values: {} })
    expect(handler).not.toHaveBeenCalled()
    expect(getCurrentUser).not.toHaveBeenCalled()
  })

  it('refuses a guest a member-only action without running it, keeping what was typed', async () => {
    const handler = vi.fn(async () => succeed(null))
    const result = await runValidatedAction(rename, handler, form({ name: '林析' }), environment(null))
    expect(result).toEqual({ ok: false, error: '请先登录', fieldErrors: {}, values: { name: '林析' } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('tells a disabled member, and a member lacking the role, why', async () => {
    const moderate = { permission: 'comment.moderate', schema: z.object({}) } as const
    const disabled = await runValidatedAction(moderate, async () => succeed(null), form({}), environment(member({ actor: 'disabled' })))
    expect(disabled).toMatchObject({ ok: false, error: actionMessages.disabled })
    const plain = await runValidatedAction(moderate, async () => succeed(null), form({}), environment(member()))
    expect(plain).toMatchObject({ ok: false, error: actionMessages.forbidden })
  })

  it('gives guests a null user for actions open to them', async () => {
    const handler = vi.fn(async (_input: unknown, { user, ip }: { user: CurrentUser | null; ip: string }) =>
      succeed({ signedIn: user !== null, ip }),
    )
    const result = await runValidatedAction(
      { permission: 'feedback.create', schema: z.object({}) },
      handler,
      form({}),
      environment(null),
    )
    expect(result).toEqual({ ok: true, data: { signedIn: false, ip: '203.0.113.9' } })
  })

  it('returns field errors in Chinese and never echoes passwords', async () => {
    const result = await runValidatedAction(
      { permission: 'account.signIn', schema: signInSchema },
      async () => succeed(null),
      form({ email: 'not-an-email', password: 'hunter2 is my password', callbackUrl: '/x' }),
      environment(null),
    )
    expect(result).toEqual({
      ok: false,
      error: '请检查标出的内容',
      fieldErrors: { email: '请输入有效的邮箱地址，例如 name@example.com' },
      values: { email: 'not-an-email', callbackUrl: '/x' },
    })
  })

  it('applies rate limits after validation, under the subject the action names', async () => {
    const rule: RateLimitRule = { name: 'test', windows: [{ limit: 1, seconds: 60 }] }
    const consumeRateLimit = vi.fn(async () => ({ allowed: false as const, retryAfterSeconds: 300 }))
    const handler = vi.fn(async () => succeed(null))
    const result = await runValidatedAction(
      { ...rename, rateLimit: { rule, subject: ({ ip, user }) => `${ip}/${user?.id}`, message: '改名过于频繁' } },
      handler,
      form({ name: '林析' }),
      environment(member(), { consumeRateLimit }),
    )
    expect(result).toMatchObject({ ok: false, error: '改名过于频繁，请在 5 分钟后重试', values: { name: '林析' } })
    expect(consumeRateLimit).toHaveBeenCalledWith(rule, `203.0.113.9/${member().id}`)
    expect(handler).not.toHaveBeenCalled()

    const invalid = await runValidatedAction({ ...rename, rateLimit: { rule, subject: () => 'x' } }, handler, form({ name: '' }), environment(member(), { consumeRateLimit }))
    expect(invalid).toMatchObject({ ok: false, fieldErrors: { name: '请填写显示名称' } })
    expect(consumeRateLimit).toHaveBeenCalledOnce()
  })

  it('skips a limit whose subject is null, such as a per-member limit for a visitor', async () => {
    const rule: RateLimitRule = { name: 'test', windows: [{ limit: 1, seconds: 60 }] }
    const consumeRateLimit = vi.fn(async () => ({ allowed: true as const }))
    const options = {
      permission: 'feedback.create',
      schema: z.object({}),
      rateLimit: [
        { rule, subject: ({ ip }: { ip: string }) => `ip/${ip}` },
        { rule, subject: ({ user }: { user: CurrentUser | null }) => user?.id ?? null },
      ],
    } as const
    expect(await runValidatedAction(options, async () => succeed(null), form({}), environment(null, { consumeRateLimit }))).toMatchObject({ ok: true })
    expect(consumeRateLimit.mock.calls).toEqual([[rule, 'ip/203.0.113.9']])
    await runValidatedAction(options, async () => succeed(null), form({}), environment(member(), { consumeRateLimit }))
    expect(consumeRateLimit.mock.calls.slice(1)).toEqual([[rule, 'ip/203.0.113.9'], [rule, member().id]])
  })

  it('completes a handler failure with the submitted values', async () => {
    const result = await runValidatedAction(rename, async () => fail('名字已被占用', { name: '换一个' }), form({ name: '林析' }), environment(member()))
    expect(result).toEqual({ ok: false, error: '名字已被占用', fieldErrors: { name: '换一个' }, values: { name: '林析' } })
  })

  it('turns an unreachable database into a message, wherever it fails', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
    const wrapped = new Error('Failed query: select …', { cause: refused })
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const inHandler = await runValidatedAction(rename, async () => { throw wrapped }, form({ name: '林析' }), environment(member()))
    expect(inHandler).toEqual({ ok: false, error: '数据库暂时不可用，请稍后再试', fieldErrors: {}, values: { name: '林析' } })
    const inSession = await runValidatedAction(rename, async () => succeed(null), form({ name: '林析' }), environment(null, { getCurrentUser: () => Promise.reject(refused) }))
    expect(inSession).toMatchObject({ ok: false, error: '数据库暂时不可用，请稍后再试' })
  })

  it('lets every other error through to error.tsx', async () => {
    await expect(
      runValidatedAction(rename, async () => { throw new TypeError('a bug') }, form({ name: '林析' }), environment(member())),
    ).rejects.toThrow('a bug')
  })
})

describe('form data', () => {
  it('drops React action fields, keeps repeated names as lists', () => {
    const data = form({ $ACTION_ID_abc: '', name: 'Ada' })
    data.append('tag', 'a')
    data.append('tag', 'b')
    expect(formDataToObject(data)).toEqual({ name: 'Ada', tag: ['a', 'b'] })
  })

  it('echoes text fields except secrets', () => {
    const data = form({ name: 'Ada', password: 'x', currentPassword: 'y', newPassword: 'z', csrfToken: 't', $ACTION_KEY: 'k' })
    expect(echoableValues(data)).toEqual({ name: 'Ada' })
  })
})
