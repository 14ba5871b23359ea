import { describe, expect, it } from 'vitest'
import { FEEDBACK_BODY_MAX_LENGTH } from '@/lib/feedback/limits'
import { countFeedbackCharacters, feedbackSchema, findFeedbackBodyProblem } from '@/lib/feedback/validation'

function parse(fields: Record<string, string>) {
  return feedbackSchema.safeParse(fields)
}

function errorsOf(fields: Record<string, string>): Record<string, string> {
  const result = parse(fields)
  if (result.success) return {}
  return Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]))
}

describe('the feedback form rules', () => {
  it('accepts a name and a message without an email, and keeps the message as typed', () => {
    const result = parse({ name: '  林析 ', email: '   ', body: '  文章里 (3) 式的推导\r\n少了一步。 ' })
    expect(result.success && result.data).toEqual({ name: '林析', email: undefined, body: '  文章里 (3) 式的推导\r\n少了一步。 ', website: '' })
  })

  it('checks the email only when one is given', () => {
    expect(parse({ name: 'A', email: 'reader@example.com', body: 'hi' }).data?.email).toBe('reader@example.com')
    expect(errorsOf({ name: 'A', email: 'not an email', body: 'hi' })).toEqual({ email: '请输入有效的邮箱地址，例如 name@example.com' })
  })

  it('asks for a name under the display-name rules, calling it 称呼', () => {
    expect(errorsOf({ name: '   ', body: 'hi' })).toEqual({ name: '请填写称呼' })
    expect(errorsOf({ name: 'a\u202Eb', body: 'hi' }).name).toBe('称呼不能包含控制字符或不可见字符（发现 U+202E）')
    expect(errorsOf({ name: '名'.repeat(33), body: 'hi' }).name).toBe('称呼最多 32 个字符（现在是 33 个）')
  })

  it('refuses an empty or blank message', () => {
    expect(errorsOf({ name: 'A', body: '' })).toEqual({ body: '请填写留言内容' })
    expect(errorsOf({ name: 'A', body: ' \n\t\u3000 ' })).toEqual({ body: '请填写留言内容' })
    expect(errorsOf({ name: 'A' })).toEqual({ body: '请填写留言内容' })
  })

  it('allows 5,000 characters counted as people count them, and refuses one more', () => {
    expect(FEEDBACK_BODY_MAX_LENGTH).toBe(5000)
    // Emoji are one character each although two UTF-16 units; a CRLF line break is one.
    expect(countFeedbackCharacters('😀\r\n字')).toBe(3)
    expect(findFeedbackBodyProblem('😀'.repeat(5000))).toBeNull()
    expect(findFeedbackBodyProblem('a\r\n'.repeat(2500))).toBeNull()
    expect(findFeedbackBodyProblem('字'.repeat(5001))).toBe('留言内容最多 5000 个字符（现在是 5001 个）')
  })

  it('refuses what the database cannot store', () => {
    expect(findFeedbackBodyProblem('a\u0000b')).toBe('留言内容不能包含空字符（U+0000）')
    expect(findFeedbackBodyProblem('a\uD800b')).toBe('留言内容包含无法保存的字符（不成对的代理项）')
    expect(findFeedbackBodyProblem('<script>alert(1)</script>')).toBeNull()
  })

  it('passes the honeypot through for the action to judge', () => {
    expect(parse({ name: 'A', body: 'hi', website: 'http://spam.example' }).data?.website).toBe('http://spam.example')
  })
})
