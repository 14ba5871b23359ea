import { describe, expect, it } from 'vitest'
import { cjkBigrams, indexTokens, normalizeText, parseQuery, splitPieces } from './tokenize'

describe('splitPieces', () => {
  it('separates Chinese runs from English words in mixed text', () => {
    expect(splitPieces(normalizeText('线性Attention的长度外推'))).toEqual([
      { kind: 'cjk', text: '线性' },
      { kind: 'word', text: 'attention' },
      { kind: 'cjk', text: '的长度外推' },
    ])
  })

  it('joins the words the segmenter cut inside one Chinese run, and splits at punctuation', () => {
    expect(splitPieces('标准注意力的计算量和显存，都随序列长度平方增长').map((p) => p.text)).toEqual(['标准注意力的计算量和显存', '都随序列长度平方增长'])
  })

  it('splits hyphenated names and drops punctuation', () => {
    expect(splitPieces(normalizeText('VQ-VAE (straight-through)')).map((p) => p.text)).toEqual(['vq', 'vae', 'straight', 'through'])
  })

  it('folds full-width letters and digits', () => {
    expect(splitPieces(normalizeText('ＶＱ－ＶＡＥ２')).map((p) => p.text)).toEqual(['vq', 'vae2'])
  })
})

describe('indexTokens', () => {
  it('indexes every two-character window of a Chinese sentence, so words cut by the segmenter are found', () => {
    const tokens = indexTokens('这说明长度外推需要修正')
    // Intl.Segmenter makes 长度|外|推 of this: the bigram 外推 exists only through bigrams.
    for (const gram of ['长度', '度外', '外推', '推需', '修正']) expect(tokens.has(gram)).toBe(true)
  })

  it('keeps single Chinese characters for one-character queries', () => {
    expect(indexTokens('交叉熵损失').get('熵')).toBe(1)
  })

  it('lower-cases English words and counts repetitions', () => {
    const tokens = indexTokens('Softmax and softmax and SOFTMAX')
    expect(tokens.get('softmax')).toBe(3)
    expect(tokens.has('Softmax')).toBe(false)
  })
})

describe('parseQuery', () => {
  it('turns a mixed query into an English term and Chinese bigram terms', () => {
    expect(parseQuery('线性Attention')).toEqual([
      { text: '线性', tokens: ['线性'] },
      { text: 'attention', tokens: ['attention'] },
    ])
    expect(parseQuery('长度外推')).toEqual([{ text: '长度外推', tokens: ['长度', '度外', '外推'] }])
  })

  it('keeps a one-character Chinese query as that character', () => {
    expect(parseQuery('熵')).toEqual([{ text: '熵', tokens: ['熵'] }])
  })

  it('keeps the first 12 distinct terms of a long query and drops the rest', () => {
    const words = Array.from({ length: 30 }, (_, i) => `w${i}`)
    expect(parseQuery(words.join(' ')).map((t) => t.text)).toEqual(words.slice(0, 12))
    // Repeats do not use up the budget; Chinese runs count one term each.
    expect(parseQuery(`a a a b 注意 ${words.join(' ')}`).map((t) => t.text)).toEqual(['a', 'b', '注意', ...words.slice(0, 9)])
    expect(parseQuery(words.slice(0, 12).join(' '))).toHaveLength(12)
  })

  it('ignores markup characters and repeated terms', () => {
    expect(parseQuery('<script>alert(1)</script> 注意力 注意力').map((t) => t.text)).toEqual(['script', 'alert', '1', '注意力'])
    expect(parseQuery('  ，。！ ')).toEqual([])
  })
})

describe('cjkBigrams', () => {
  it('does not split characters outside the Basic Multilingual Plane', () => {
    expect(cjkBigrams('𠮷野家')).toEqual(['𠮷野', '野家'])
  })
})
