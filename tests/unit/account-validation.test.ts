import { describe, expect, it } from 'vitest'
import commonPasswordList from '@/lib/auth/common-passwords.json'
import { COMMON_PASSWORD_COUNT, isCommonPassword } from '@/lib/auth/password-policy'
import {
  changePasswordSchema,
  deleteAccountSchema,
  emailSchema,
  findNewPasswordProblem,
  newPasswordSchema,
  registerSchema,
  signInSchema,
} from '@/lib/auth/validation'

function firstIssue(result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) {
  return result.success ? undefined : result.error?.issues[0]
}

describe('email', () => {
  it('accepts an address and trims it, keeping its case', () => {
    expect(emailSchema.parse('  Ada@Example.COM ')).toBe('Ada@Example.COM')
    expect(emailSchema.parse('first.last+tag@sub.example.org')).toBe('first.last+tag@sub.example.org')
  })

  it.each(['ada', 'ada@', '@example.com', 'a b@example.com', 'ada@example', 'ada@@example.com'])(
    'rejects %j with an example of a valid address',
    (input) => {
      expect(firstIssue(emailSchema.safeParse(input))?.message).toBe('请输入有效的邮箱地址，例如 name@example.com')
    },
  )

  it('needs a value and caps the length at 254', () => {
    expect(firstIssue(emailSchema.safeParse(''))?.message).toBe('请填写邮箱')
    expect(firstIssue(emailSchema.safeParse(undefined))?.message).toBe('请填写邮箱')
    expect(firstIssue(emailSchema.safeParse(`${'a'.repeat(64)}@${'b'.repeat(186)}.com`))?.message).toBe('邮箱最多 254 个字符')
  })
})

describe('new passwords', () => {
  it('needs 12 to 128 characters, counted as code points', () => {
    expect(findNewPasswordProblem('')).toBe('请填写密码')
    expect(findNewPasswordProblem('a'.repeat(11))).toBe('密码至少需要 12 个字符（现在是 11 个）')
    expect(findNewPasswordProblem('unusual pass')).toBeNull()
    expect(findNewPasswordProblem('密'.repeat(12))).toBeNull()
    // 11 emoji are 22 UTF-16 units, but 11 characters.
    expect(findNewPasswordProblem('🔑'.repeat(11))).toBe('密码至少需要 12 个字符（现在是 11 个）')
    expect(findNewPasswordProblem('x'.repeat(128))).toBeNull()
    expect(findNewPasswordProblem('x'.repeat(129))).toBe('密码最多 128 个字符')
  })

  it('refuses passwords from the breached list, whatever their case or surrounding spaces', () => {
    for (const password of ['qwerty123456', 'QWERTY123456', ' password1234 ', '1qaz2wsx3edc']) {
      expect(findNewPasswordProblem(password)).toBe('这个密码出现在已泄露的常用密码列表中，很容易被猜到，请换一个')
    }
  })

  it('has no composition rules and keeps spaces', () => {
    expect(newPasswordSchema.parse('  only lowercase words here  ')).toBe('  only lowercase words here  ')
    expect(findNewPasswordProblem('abcdefghijklmnopq')).toBeNull()
  })

  it('ships a list of real size, every entry long enough to matter', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThan(10_000)
    for (const entry of commonPasswordList) {
      const length = Array.from(entry).length
      expect(length >= 12 && length <= 128 && entry === entry.trim().toLowerCase()).toBe(true)
    }
    expect(isCommonPassword(commonPasswordList[0] ?? '')).toBe(true)
    expect(isCommonPassword('a sentence nobody has leaked yet')).toBe(false)
  })
})

describe('registration form', () => {
  const valid = { name: ' 林析 ', email: 'lin@example.com', password: 'tea and maths every day' }

  it('parses the three fields, trimming name and email', () => {
    expect(registerSchema.parse(valid)).toEqual({ name: '林析', email: 'lin@example.com', password: 'tea and maths every day' })
  })

  it('reports each field under its own name', () => {
    const result = registerSchema.safeParse({ name: '', email: 'nope', password: 'short' })
    expect(result.success).toBe(false)
    const byField = Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path[0], issue.message]))
    expect(byField).toEqual({ name: '请填写显示名称', email: '请输入有效的邮箱地址，例如 name@example.com', password: '密码至少需要 12 个字符（现在是 5 个）' })
  })

  it('refuses the email as the password', () => {
    const issue = firstIssue(registerSchema.safeParse({ ...valid, password: 'Lin@Example.com' }))
    expect(issue).toMatchObject({ path: ['password'], message: '密码不能与邮箱相同' })
  })
})

describe('sign-in form', () => {
  it('checks only that a password was typed, so it never says more than "wrong"', () => {
    expect(signInSchema.safeParse({ email: 'a@example.com', password: 'short' }).success).toBe(true)
    expect(firstIssue(signInSchema.safeParse({ email: 'a@example.com', password: '' }))?.message).toBe('请填写密码')
  })
})

describe('account forms', () => {
  it('refuses a new password equal to the current one', () => {
    const issue = firstIssue(changePasswordSchema.safeParse({ currentPassword: 'same old password', newPassword: 'same old password' }))
    expect(issue).toMatchObject({ path: ['newPassword'], message: '新密码不能与当前密码相同' })
  })

  it('lets members without a password leave the current password empty', () => {
    expect(changePasswordSchema.parse({ newPassword: 'a brand new passphrase' })).toEqual({
      currentPassword: '',
      newPassword: 'a brand new passphrase',
    })
    expect(deleteAccountSchema.parse({})).toEqual({ password: '', confirmEmail: '' })
  })
})
