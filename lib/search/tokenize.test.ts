import { describe, expect, it } from 'vitest'
import { chunkFile, documentFile, manifestFile } from './index-format'
import { cjkBigrams, fieldLength, indexTokens, isWordCharacter, normalizeText, parseQuery, splitPieces } from './tokenize'

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

describe('tokenizing, edges', () => {
  it('tells word characters of spaced scripts from CJK and punctuation', () => {
    expect(['a', 'Z', '7', 'é', 'я'].map(isWordCharacter)).toEqual([true, true, true, true, true])
    expect(['中', 'か', 'カ', '한', '-', ' ', undefined].map(isWordCharacter)).toEqual([false, false, false, false, false, false, false])
  })

  it('splits kana and Hangul as CJK runs', () => {
    expect(splitPieces(normalizeText('ひらがなとカタカナ한국어'))).toEqual([{ kind: 'cjk', text: 'ひらがなとカタカナ한국어' }])
  })

  it('keeps words up to 40 characters and drops longer ones', () => {
    const forty = 'a'.repeat(40)
    expect(splitPieces(`${forty} ${forty}b`)).toEqual([{ kind: 'word', text: forty }])
  })

  it('skips runs with no letter or digit, and keeps underscores inside words', () => {
    expect(splitPieces('——！？…')).toEqual([])
    expect(splitPieces('中文，「」《》中文')).toEqual([
      { kind: 'cjk', text: '中文' },
      { kind: 'cjk', text: '中文' },
    ])
    expect(splitPieces('snake_case 3.14').map((piece) => piece.text)).toEqual(['snake_case', '3.14'])
  })

  it('makes bigrams of runs of two or more, and a one-character run its own token', () => {
    expect(cjkBigrams('熵')).toEqual(['熵'])
    expect(cjkBigrams('')).toEqual([])
    expect(cjkBigrams('注意')).toEqual(['注意'])
    expect(cjkBigrams('注意力')).toEqual(['注意', '意力'])
  })

  it('counts single characters and bigrams of Chinese, each as often as it occurs', () => {
    expect(Object.fromEntries(indexTokens('熵增，熵增'))).toEqual({ 熵: 2, 增: 2, 熵增: 2 })
    expect(Object.fromEntries(indexTokens('熵'))).toEqual({ 熵: 1 })
  })

  it('measures a field by its words and bigrams, not its single characters', () => {
    expect(fieldLength(indexTokens('注意力 attention attention'))).toBe(4)
    expect(fieldLength(indexTokens('熵'))).toBe(0)
    expect(fieldLength(new Map([['ab', 3], ['中', 5], ['中文', 2]]))).toBe(5)
  })

  it('turns each distinct CJK run into one term with its distinct bigrams', () => {
    expect(parseQuery('哈哈哈哈')).toEqual([{ text: '哈哈哈哈', tokens: ['哈哈'] }])
    expect(parseQuery('Ｓｏｆｔｍａｘ')).toEqual([{ text: 'softmax', tokens: ['softmax'] }])
  })
})

describe('index file names', () => {
  it('name the manifest, chunks and documents as the browser fetches them', () => {
    expect(manifestFile()).toBe('manifest.json')
    expect(chunkFile(3, 'abc123')).toBe('t3.abc123.json')
    expect(documentFile(12, 'abc123')).toBe('d12.abc123.json')
  })
})
