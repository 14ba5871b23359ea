import { describe, expect, it } from 'vitest'
import { blankComments, blankSpans, findCommands, lineOf, outerEnvironment, replaceSpans, skipGroup, splitCells, splitRows } from './tex-source'

describe('blankComments', () => {
  it('blanks a comment to the end of its line with as many spaces, keeping the newline', () => {
    expect(blankComments('a % note\nb')).toBe('a       \nb')
    expect(blankComments('a %x')).toBe('a   ')
    expect(blankComments('%\n%ab\nc')).toBe(' \n   \nc')
  })

  it('keeps \\% and the control symbol \\\\ before a %', () => {
    expect(blankComments('50\\% off')).toBe('50\\% off')
    expect(blankComments('a \\\\% b\nc')).toBe('a \\\\   \nc')
    expect(blankComments('\\%%x')).toBe('\\%  ')
  })

  it('returns TeX without % unchanged', () => {
    expect(blankComments('a \\\\ b')).toBe('a \\\\ b')
  })
})

describe('skipGroup', () => {
  it('returns the index just past the group that opens at the brace', () => {
    expect(skipGroup('{ab}c', 0)).toBe(4)
    expect(skipGroup('x{a{b}c}d', 1)).toBe(8)
    expect(skipGroup('x{a{b}c}d', 3)).toBe(6)
  })

  it('skips escaped braces and reports an unbalanced group as -1', () => {
    expect(skipGroup('{a\\}b}', 0)).toBe(6)
    expect(skipGroup('{a\\{b}', 0)).toBe(6)
    expect(skipGroup('{ab', 0)).toBe(-1)
    expect(skipGroup('{a\\}', 0)).toBe(-1)
  })
})

describe('findCommands', () => {
  it('finds each named command with its braced argument, trimmed, and where it is', () => {
    expect(findCommands('a \\label{ eq:x } b', ['label'])).toEqual([{ name: 'label', start: 2, end: 16, starred: false, argument: 'eq:x' }])
    expect(findCommands('\\tag*{A}', ['tag'])).toEqual([{ name: 'tag', start: 0, end: 8, starred: true, argument: 'A' }])
  })

  it('allows spaces, newlines and tabs before the argument', () => {
    for (const gap of [' ', '\n', '\t', ' \n\t ']) {
      expect(findCommands(`\\label${gap}{k}`, ['label']), JSON.stringify(gap)).toEqual([
        { name: 'label', start: 0, end: 9 + gap.length, starred: false, argument: 'k' },
      ])
    }
  })

  it('keeps nested braces inside the argument', () => {
    expect(findCommands('\\tag{$\\frac{a}{b}$} x', ['tag'])[0]).toMatchObject({ argument: '$\\frac{a}{b}$', end: 19 })
  })

  it('reports a command without a braced argument, or with an unbalanced one, with an empty argument', () => {
    expect(findCommands('\\label x', ['label'])).toEqual([{ name: 'label', start: 0, end: 7, starred: false, argument: '' }])
    expect(findCommands('\\label{x', ['label'])).toEqual([{ name: 'label', start: 0, end: 6, starred: false, argument: '' }])
    expect(findCommands('\\label', ['label'])).toEqual([{ name: 'label', start: 0, end: 6, starred: false, argument: '' }])
  })

  it('takes whole command names only, in either case of letter', () => {
    expect(findCommands('\\labels{x} \\Label{y} \\label1{z}', ['label', 'Label'])).toEqual([
      { name: 'Label', start: 11, end: 20, starred: false, argument: 'y' },
      { name: 'label', start: 21, end: 27, starred: false, argument: '' },
    ])
    expect(findCommands('\\tagZ{x} \\tagz{x} \\tagA{x}', ['tag'])).toEqual([])
  })

  it('finds bare commands without an argument', () => {
    expect(findCommands('a \\nonumber{b} \\notag', ['label'], ['nonumber', 'notag'])).toEqual([
      { name: 'nonumber', start: 2, end: 11, starred: false, argument: '' },
      { name: 'notag', start: 15, end: 21, starred: false, argument: '' },
    ])
    expect(findCommands('\\nonumber', [])).toEqual([])
  })

  it('steps over control symbols, so \\\\label is a row break and a letter', () => {
    expect(findCommands('a\\\\label{x}', ['label'])).toEqual([])
    expect(findCommands('\\{\\label{x}', ['label'])).toEqual([{ name: 'label', start: 2, end: 11, starred: false, argument: 'x' }])
  })

  it('continues after each match, and does not look inside an argument it took', () => {
    expect(findCommands('\\label{a}\\label{b}', ['label']).map((m) => m.argument)).toEqual(['a', 'b'])
    expect(findCommands('\\tag{\\label{inner}} \\label{outer}', ['tag', 'label']).map((m) => m.argument)).toEqual(['\\label{inner}', 'outer'])
    expect(findCommands('\\label x\\label{y}', ['label']).map((m) => m.argument)).toEqual(['', 'y'])
    expect(findCommands('\\nonumber\\label{y}', ['label'], ['nonumber']).map((m) => m.name)).toEqual(['nonumber', 'label'])
    expect(findCommands('\\alpha\\label{y}', ['label']).map((m) => m.argument)).toEqual(['y'])
  })
})

describe('replaceSpans and blankSpans', () => {
  it('replaces spans in order of position, whatever order they come in', () => {
    expect(replaceSpans('abcdef', [{ start: 4, end: 5, replacement: 'E' }, { start: 1, end: 2 }])).toBe('acdEf')
    expect(replaceSpans('abc', [])).toBe('abc')
  })

  it('blanks spans with spaces of their length', () => {
    expect(blankSpans('abcdef', [{ start: 1, end: 3 }])).toBe('a  def')
  })
})

describe('splitRows', () => {
  it('splits at top-level \\\\ and \\cr, keeping each separator and offset', () => {
    expect(splitRows('a\\\\b\\cr c')).toEqual([
      { tex: 'a', separator: '\\\\', offset: 0 },
      { tex: 'b', separator: '\\cr', offset: 3 },
      { tex: ' c', separator: '', offset: 7 },
    ])
  })

  it('takes the spacing argument of \\\\ into the separator', () => {
    expect(splitRows('a \\\\ [2pt] b')).toEqual([
      { tex: 'a ', separator: '\\\\ [2pt]', offset: 0 },
      { tex: ' b', separator: '', offset: 10 },
    ])
    expect(splitRows('a\\\\b [2pt]')).toEqual([
      { tex: 'a', separator: '\\\\', offset: 0 },
      { tex: 'b [2pt]', separator: '', offset: 3 },
    ])
    expect(splitRows('a\\\\[2pt]\\\\[3pt]b').map((row) => row.separator)).toEqual(['\\\\[2pt]', '\\\\[3pt]', ''])
  })

  it('does not split inside braces or nested environments', () => {
    expect(splitRows('{a\\\\b}\\\\c').map((row) => row.tex)).toEqual(['{a\\\\b}', 'c'])
    expect(splitRows('\\begin{cases}a\\\\b\\end{cases}\\\\c').map((row) => row.tex)).toEqual(['\\begin{cases}a\\\\b\\end{cases}', 'c'])
    expect(splitRows('\\begin{cases}a\\cr b\\end{cases}\\cr c').map((row) => row.tex)).toEqual(['\\begin{cases}a\\cr b\\end{cases}', ' c'])
  })

  it('steps over both backslashes of a nested \\\\, so a brace after it still counts', () => {
    expect(splitRows('{a\\\\{b}}\\\\c').map((row) => row.tex)).toEqual(['{a\\\\{b}}', 'c'])
  })

  it('does not take \\crcr, \\cross or \\\\ after a backslash for a row break', () => {
    expect(splitRows('a\\cross b')).toHaveLength(1)
    expect(splitRows('a\\cra b').map((row) => row.tex)).toEqual(['a\\cra b'])
    expect(splitRows('\\{\\\\')).toEqual([
      { tex: '\\{', separator: '\\\\', offset: 0 },
      { tex: '', separator: '', offset: 4 },
    ])
    expect(splitRows('a\\c')).toHaveLength(1)
  })

  it('counts \\begin and \\end only as whole commands, after a backslash', () => {
    expect(splitRows('begin{x}a\\\\b').map((row) => row.tex)).toEqual(['begin{x}a', 'b'])
    expect(splitRows('\\beginx a\\\\b').map((row) => row.tex)).toEqual(['\\beginx a', 'b'])
  })
})

describe('splitCells', () => {
  it('splits a row at top-level &', () => {
    expect(splitCells('a & b&c')).toEqual(['a ', ' b', 'c'])
    expect(splitCells('a')).toEqual(['a'])
  })

  it('keeps \\&, braces and nested environments whole', () => {
    expect(splitCells('a \\& b & c')).toEqual(['a \\& b ', ' c'])
    expect(splitCells('{a & b} & c')).toEqual(['{a & b} ', ' c'])
    expect(splitCells('\\begin{matrix} a & b \\end{matrix} & c')).toEqual(['\\begin{matrix} a & b \\end{matrix} ', ' c'])
    expect(splitCells('\\{ & \\}')).toEqual(['\\{ ', ' \\}'])
  })
})

describe('outerEnvironment', () => {
  it('finds the environment that is the whole formula, with its body and where the body starts', () => {
    expect(outerEnvironment('  \\begin{align} a \\end{align}  ')).toEqual({ name: 'align', starred: false, argument: '', body: ' a ', bodyOffset: 15 })
    expect(outerEnvironment('\n \\begin{align} a \\end{align}')).toMatchObject({ bodyOffset: 15 })
    expect(outerEnvironment('\\begin{align} a \\end{align} \n')).toMatchObject({ bodyOffset: 13 })
    expect(outerEnvironment('\\begin {equation*}x\\end {equation*}')).toEqual({ name: 'equation', starred: true, argument: '', body: 'x', bodyOffset: 18 })
  })

  it('takes the column count of alignat out of the body', () => {
    expect(outerEnvironment('\\begin{alignat}{2} a &= b \\end{alignat}')).toEqual({ name: 'alignat', starred: false, argument: '{2}', body: ' a &= b ', bodyOffset: 18 })
    expect(outerEnvironment('\\begin{alignat} {2} a \\end{alignat}')).toMatchObject({ argument: '{2}', body: ' a ', bodyOffset: 19 })
    expect(outerEnvironment('\\begin{alignat}{10} a \\end{alignat}')).toMatchObject({ argument: '{10}', body: ' a ' })
    // Only a group right at the start is the column count.
    expect(outerEnvironment('\\begin{alignat} a_{1} \\end{alignat}')).toMatchObject({ argument: '', body: ' a_{1} ' })
    // Other environments keep a leading group as part of the body.
    expect(outerEnvironment('\\begin{align}{a} = b\\end{align}')).toMatchObject({ argument: '', body: '{a} = b', bodyOffset: 13 })
  })

  it('returns null unless one environment spans the whole formula', () => {
    for (const tex of [
      'x \\begin{align} a \\end{align}',
      '\\begin{align} a \\end{align} x',
      '\\begin{align} a \\end{align*}',
      '\\begin{align*} a \\end{align}',
      '\\begin{align} a \\end{aligned}',
      '\\begin{align} a \\end{align} \\begin{align} b \\end{align}',
      '\\begin{align} \\begin{align} a \\end{align} \\end{align}',
      'a',
    ]) {
      expect(outerEnvironment(tex), tex).toBeNull()
    }
  })
})

describe('lineOf', () => {
  it('counts lines up to an offset, from 1', () => {
    expect(lineOf('a\nb\nc', 0)).toBe(1)
    expect(lineOf('a\nb\nc', 1)).toBe(1)
    expect(lineOf('a\nb\nc', 2)).toBe(2)
    expect(lineOf('a\nb\nc', 4)).toBe(3)
    expect(lineOf('a\nb\n', 99)).toBe(3)
  })
})
