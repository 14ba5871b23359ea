import { describe, expect, it } from 'vitest'
import { findMatches, highlight, snippet, type TextSegment } from './snippet'

const marked = (segments: TextSegment[]) => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('')

describe('highlight', () => {
  it('marks every occurrence, case-insensitively, keeping the original spelling', () => {
    expect(marked(highlight('Softmax 与 SOFTMAX 的温度', ['softmax']))).toBe('[Softmax] 与 [SOFTMAX] 的温度')
  })

  it('marks English words whole, not inside longer words, while Chinese matches anywhere', () => {
    expect(marked(highlight('softmax 把 x 映射到 x2 与 (x)，注意力里的注意', ['x', '注意']))).toBe('softmax 把 [x] 映射到 x2 与 ([x])，[注意]力里的[注意]')
  })

  it('prefers the longer needle where two overlap', () => {
    expect(marked(highlight('线性注意力', ['注意', '线性注意力']))).toBe('[线性注意力]')
  })

  it('maps matches in full-width text back to the original characters', () => {
    expect(marked(highlight('用ＶＱ－ＶＡＥ量化', ['vq', 'vae']))).toBe('用[ＶＱ]－[ＶＡＥ]量化')
  })

  it('keeps markup in the text and in the query as plain text, never as elements', () => {
    const segments = highlight('比较 a<b 与 <script>alert(1)</script> 两种写法', ['<script>', 'alert'])
    expect(segments.map((s) => s.text).join('')).toBe('比较 a<b 与 <script>alert(1)</script> 两种写法')
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['<script>', 'alert'])
    // Segments are data for text nodes: nothing in them is HTML-escaped or parsed.
    expect(segments.every((s) => Object.keys(s).every((key) => key === 'text' || key === 'match'))).toBe(true)
  })
})

describe('snippet', () => {
  const text =
    '第一句讲背景。第二句也讲背景，而且相当长，用来把正文撑开到超过一个摘要窗口的长度。第三句仍然是铺垫，继续增加长度。' +
    '这里提到长度外推，而且紧接着又提到熵的修正。最后一句与查询无关。'

  it('starts at the sentence where the query words occur together and marks them', () => {
    const result = marked(snippet(text, ['长度外推', '熵']))
    expect(result.startsWith('…这里提到[长度外推]，而且紧接着又提到[熵]的修正。')).toBe(true)
  })

  it('is the start of the text when nothing matches', () => {
    const result = snippet(text, ['不存在的词'], 20)
    expect(marked(result)).toBe('第一句讲背景。第二句也讲背景，而且相当长…')
  })

  it('finds exact occurrences only', () => {
    expect(findMatches('长度与外推', ['长度外推'])).toEqual([])
  })

  it('keeps some context before the match when no sentence starts near it', () => {
    const long = `${'甲'.repeat(60)}目标词${'乙'.repeat(60)}`
    expect(marked(snippet(long, ['目标词'], 40))).toBe(`…${'甲'.repeat(24)}[目标词]${'乙'.repeat(13)}…`)
  })

  it('starts at a sentence beginning within twice that context', () => {
    const text = `${'甲'.repeat(60)}。句首${'丙'.repeat(10)}目标词${'乙'.repeat(60)}`
    expect(marked(snippet(text, ['目标词'], 40))).toBe(`…句首${'丙'.repeat(10)}[目标词]${'乙'.repeat(25)}…`)
    expect(marked(snippet(`开头${'丙'.repeat(30)}目标词`, ['目标词'], 60))).toBe(`开头${'丙'.repeat(30)}[目标词]`)
  })

  it('anchors where the most different words occur within one window', () => {
    const text = `熵${'甲'.repeat(80)}。长度外推${'乙'.repeat(5)}熵${'丙'.repeat(80)}`
    expect(marked(snippet(text, ['长度外推', '熵'], 20))).toBe(`…[长度外推]${'乙'.repeat(5)}[熵]${'丙'.repeat(10)}…`)
  })

  it('collapses whitespace and does not start on a space', () => {
    expect(marked(snippet('一 二。\n\n  目标   词', ['目标'], 10))).toBe('…[目标] 词')
  })

  it('never cuts a character outside the Basic Multilingual Plane in half', () => {
    const text = `${'𠮷'.repeat(30)}目标${'𠮷'.repeat(30)}`
    const result = snippet(text, ['目标'], 31)
    expect(marked(result)).toBe(`…${'𠮷'.repeat(12)}[目标]${'𠮷'.repeat(3)}…`)
    // Started one unit later, the window would begin inside a character: it moves past it.
    expect(marked(snippet(`x${text}`, ['目标'], 31))).toBe(`…${'𠮷'.repeat(12)}[目标]${'𠮷'.repeat(3)}…`)
    expect(result.map((segment) => segment.text).join('')).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/)
  })
})

describe('findMatches', () => {
  it('returns matches in text order, naming the needle', () => {
    expect(findMatches('b a', ['a', 'b'])).toEqual([
      { start: 0, end: 1, needle: 1 },
      { start: 2, end: 3, needle: 0 },
    ])
  })

  it('ignores empty needles and matches English words whole at both ends', () => {
    expect(findMatches('abc', ['', 'ab', 'bc'])).toEqual([])
    expect(findMatches('abc', ['abc'])).toEqual([{ start: 0, end: 3, needle: 0 }])
    expect(findMatches('(ab) ab-c', ['ab'])).toEqual([
      { start: 1, end: 3, needle: 0 },
      { start: 5, end: 7, needle: 0 },
    ])
  })

  it('maps matches back through characters that fold to several', () => {
    expect(marked(highlight('the ﬁnal ﬁnal word', ['final']))).toBe('the [ﬁnal] [ﬁnal] word')
    expect(marked(highlight('ﬁ ok', ['ok']))).toBe('ﬁ [ok]')
  })
})

