import { describe, expect, it } from 'vitest'
import { DELETED_MEMBER_LABEL, displayNameSchema, findDisplayNameProblem } from '@/lib/auth/display-name'

function accepts(input: string) {
  const result = displayNameSchema.safeParse(input)
  return result.success ? result.data : `rejected: ${result.error.issues[0]?.message}`
}

function rejection(input: unknown): string | undefined {
  const result = displayNameSchema.safeParse(input)
  return result.success ? undefined : result.error.issues[0]?.message
}

describe('display names', () => {
  it('accepts ordinary names in any script and keeps them byte for byte', () => {
    for (const name of ['Ada', '林析', 'Zoë Ünal', 'محمد', 'Ελένη', 'नमस्ते', 'o\'Brien-Smith', '𝓜𝓪𝓽𝓱']) {
      expect(accepts(name)).toBe(name)
    }
  })

  it('trims surrounding whitespace, including no-break and ideographic spaces, and nothing else', () => {
    expect(accepts('  林 析  ')).toBe('林 析')
    expect(accepts('\u00A0\u3000Ada Lovelace\u3000')).toBe('Ada Lovelace')
    // No Unicode normalization: the decomposed é stays decomposed.
    expect(accepts(' e\u0301 ')).toBe('e\u0301')
  })

  it('counts 1 to 32 characters after trimming, as code points', () => {
    expect(rejection('')).toBe('请填写显示名称')
    expect(rejection('   ')).toBe('请填写显示名称')
    expect(rejection(undefined)).toBe('请填写显示名称')
    expect(accepts('a')).toBe('a')
    expect(accepts('字'.repeat(32))).toBe('字'.repeat(32))
    // 32 emoji are 64 UTF-16 units but 32 characters.
    expect(accepts('😀'.repeat(32))).toBe('😀'.repeat(32))
    expect(rejection('字'.repeat(33))).toBe('显示名称最多 32 个字符（现在是 33 个）')
    expect(rejection(`  ${'a'.repeat(32)}  `)).toBeUndefined()
  })

  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['tab', 'a\tb', 'U+0009'],
    ['line feed', 'a\nb', 'U+000A'],
    ['DEL', 'a\u007Fb', 'U+007F'],
    ['C1 next line', 'a\u0085b', 'U+0085'],
    ['zero-width space', 'ad\u200Bmin', 'U+200B'],
    ['zero-width non-joiner', 'a\u200Cb', 'U+200C'],
    ['zero-width joiner between letters', 'a\u200Db', 'U+200D'],
    ['left-to-right mark', 'a\u200Eb', 'U+200E'],
    ['right-to-left override', 'user\u202Egnp.exe', 'U+202E'],
    ['first strong isolate', 'a\u2068b', 'U+2068'],
    ['word joiner', 'a\u2060b', 'U+2060'],
    ['byte order mark inside', 'a\uFEFFb', 'U+FEFF'],
    ['soft hyphen', 'ad\u00ADmin', 'U+00AD'],
    ['line separator', 'a\u2028b', 'U+2028'],
    ['lone surrogate', 'a\uD800b', 'U+D800'],
    ['Hangul filler', '\u3164', 'U+3164'],
    ['Hangul choseong filler', 'a\u115Fb', 'U+115F'],
    ['braille blank', '\u2800\u2800', 'U+2800'],
    ['combining grapheme joiner', 'a\u034Fb', 'U+034F'],
    ['tag character', 'a\u{E0041}b', 'U+E0041'],
  ])('rejects a %s, naming the code point', (_label, name, codePoint) => {
    expect(rejection(name)).toBe(`显示名称不能包含控制字符或不可见字符（发现 ${codePoint}）`)
  })

  it('allows the zero-width joiner only where it builds one emoji', () => {
    expect(accepts('家 👨\u200D👩\u200D👧')).toBe('家 👨\u200D👩\u200D👧')
    expect(accepts('❤️\u200D🔥')).toBe('❤️\u200D🔥')
    expect(accepts('👩🏽\u200D💻')).toBe('👩🏽\u200D💻')
    expect(rejection('👨\u200D')).toMatch(/U\+200D/)
  })

  it('needs at least one visible character', () => {
    expect(rejection('\u0301\u0301')).toBe('显示名称至少要包含一个可见的文字或符号')
  })

  it('refuses stacks of more than four combining marks', () => {
    expect(accepts('Việt')).toBe('Việt')
    expect(accepts('e\u0301\u0302\u0303\u0304')).toBe('e\u0301\u0302\u0303\u0304')
    expect(rejection('e\u0301\u0302\u0303\u0304\u0305')).toBe('显示名称中连续叠加的组合符号过多')
  })

  it('keeps the name of deleted members for them', () => {
    expect(rejection(DELETED_MEMBER_LABEL)).toBe('“已注销用户”是保留名称，请换一个')
    expect(rejection(` ${DELETED_MEMBER_LABEL} `)).toBe('“已注销用户”是保留名称，请换一个')
  })

  it('exposes the rule without zod for other forms', () => {
    expect(findDisplayNameProblem('林析')).toBeNull()
    expect(findDisplayNameProblem('a\u200Bb')).toMatch(/U\+200B/)
  })
})
