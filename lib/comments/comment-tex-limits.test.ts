import { describe, expect, it } from 'vitest'
import { refuseCommentMarkdown, refuseCommentTex } from './comment-tex-limits'

const NO_DEFINITIONS = '评论中的公式不能定义宏（\\def、\\newcommand 等），请直接写出公式'
const TOO_COMPLEX = '公式过于复杂，无法显示'
const TOO_LARGE = '公式中的尺寸不能超过 10em'
const TOO_MANY_CELLS = '一个公式中的表格最多 500 格'
const TOO_DEEP = '引用或列表最多嵌套 8 层'

describe('refuseCommentTex', () => {
  it('accepts ordinary formulas', () => {
    expect(refuseCommentTex('\\frac{a}{b} + \\sqrt{x^2} \\leq \\sum_{i=1}^n x_i')).toBeNull()
  })

  it.each([
    '\\def\\a{x}',
    '\\gdef\\a{x}',
    '\\edef\\a{x}',
    '\\xdef\\a{x}',
    '\\let\\a=b',
    '\\futurelet\\a\\b\\c',
    '\\global\\def\\a{x}',
    '\\long\\def\\a{x}',
    '\\newcommand{\\a}{x}',
    '\\renewcommand{\\a}{x}',
    '\\providecommand{\\a}{x}',
    '\\DeclareMathOperator{\\a}{x}',
    '\\newenvironment{a}{}{}',
    '\\renewenvironment{a}{}{}',
    '\\expandafter\\a\\b',
    '\\csname a\\endcsname',
    '\\char65',
    'x \\def*',
  ])('refuses the definition %j', (tex) => {
    expect(refuseCommentTex(tex)).toBe(NO_DEFINITIONS)
  })

  it('does not mistake longer command names for definitions', () => {
    for (const tex of ['\\letter', '\\defined', '\\charge', '\\longrightarrow', '\\globally']) expect(refuseCommentTex(tex), tex).toBeNull()
  })

  it('allows braces, environments and \\left…\\right nested 24 deep, not 25', () => {
    expect(refuseCommentTex(`${'{'.repeat(24)}x${'}'.repeat(24)}`)).toBeNull()
    expect(refuseCommentTex(`${'{'.repeat(25)}x${'}'.repeat(25)}`)).toBe(TOO_COMPLEX)
    expect(refuseCommentTex(`${'\\left('.repeat(24)}x${'\\right)'.repeat(24)}`)).toBeNull()
    expect(refuseCommentTex(`${'\\left('.repeat(25)}x${'\\right)'.repeat(25)}`)).toBe(TOO_COMPLEX)
    expect(refuseCommentTex(`${'\\begin{matrix}'.repeat(12)}${'{'.repeat(13)}x${'}'.repeat(13)}${'\\end{matrix}'.repeat(12)}`)).toBe(TOO_COMPLEX)
  })

  it('counts \\begin as a level even without its braces, and only \\right, \\end and } close one', () => {
    expect(refuseCommentTex('\\begin '.repeat(25))).toBe(TOO_COMPLEX)
    expect(refuseCommentTex(`${'{\\alpha '.repeat(25)}${'}'.repeat(25)}`)).toBe(TOO_COMPLEX)
    expect(refuseCommentTex(`${'\\left( \\cdot '.repeat(25)}`)).toBe(TOO_COMPLEX)
  })

  it('counts depth, not the number of groups side by side', () => {
    expect(refuseCommentTex('{a}'.repeat(200))).toBeNull()
    expect(refuseCommentTex('\\left(a\\right)'.repeat(100))).toBeNull()
    expect(refuseCommentTex('\\begin{matrix}a\\end{matrix}'.repeat(50))).toBeNull()
  })

  it('does not count escaped braces as groups', () => {
    expect(refuseCommentTex('\\{'.repeat(30) + 'x' + '\\}'.repeat(30))).toBeNull()
  })

  it('allows 500 table cells in one formula, not 501, and does not count \\&', () => {
    expect(refuseCommentTex(`\\begin{matrix}${'a&'.repeat(500)}\\end{matrix}`)).toBeNull()
    expect(refuseCommentTex(`\\begin{matrix}${'a&'.repeat(501)}\\end{matrix}`)).toBe(TOO_MANY_CELLS)
    expect(refuseCommentTex(`\\begin{matrix}${'a\\\\'.repeat(501)}\\end{matrix}`)).toBe(TOO_MANY_CELLS)
    expect(refuseCommentTex('\\&'.repeat(600))).toBeNull()
  })

  // Each unit at the largest value under 10em, and the smallest over it.
  it.each([
    ['em', '10', '10.01'],
    ['ex', '23', '24'],
    ['pt', '100', '101'],
    ['bp', '99', '100'],
    ['px', '99', '100'],
    ['pc', '8', '9'],
    ['dd', '93', '94'],
    ['cc', '7', '8'],
    ['mm', '35', '36'],
    ['cm', '3.5', '3.6'],
    ['in', '1.3', '1.4'],
    ['sp', '6553600', '6553700'],
    ['mu', '180', '181'],
  ])('bounds sizes in %s: %s fits, %s does not', (unit, fits, tooLarge) => {
    expect(refuseCommentTex(`a\\kern${fits}${unit} b`)).toBeNull()
    expect(refuseCommentTex(`a\\kern${tooLarge}${unit} b`)).toBe(TOO_LARGE)
    expect(refuseCommentTex(`a\\kern-${tooLarge}${unit} b`)).toBe(TOO_LARGE)
    expect(refuseCommentTex(`a\\kern - ${tooLarge} ${unit} b`)).toBe(TOO_LARGE)
  })

  it('reads decimal commas and leading points', () => {
    expect(refuseCommentTex('\\kern10,5em')).toBe(TOO_LARGE)
    expect(refuseCommentTex('\\kern9,5em')).toBeNull()
    expect(refuseCommentTex('\\kern.5em')).toBeNull()
    expect(refuseCommentTex('\\kern,5em')).toBeNull()
    expect(refuseCommentTex('\\kern 11.em')).toBe(TOO_LARGE)
  })

  it.each([
    '\\kern11em',
    '\\mkern200mu',
    '\\hskip11em',
    '\\mskip200mu',
    '\\hspace{11em}',
    '\\hspace*{11em}',
    '\\vspace{11em}',
    '\\vspace*{11em}',
    '\\rule{1pt}{11em}',
    '\\raisebox{11em}{x}',
    '{a \\above 11em b}',
    '{a \\abovewithdelims() 11em b}',
    '\\genfrac(){11em}{0}{a}{b}',
    'a \\\\[11em] b',
  ])('bounds the size in %j', (tex) => {
    expect(refuseCommentTex(tex)).toBe(TOO_LARGE)
  })

  it('reads sizes only in the arguments of commands that take one', () => {
    expect(refuseCommentTex('\\text{a 20em wide box}')).toBeNull()
    expect(refuseCommentTex('\\kerning 20em')).toBeNull()
    expect(refuseCommentTex('20em \\kern1em')).toBeNull()
    // The arguments are the next 80 characters after the command.
    expect(refuseCommentTex(`\\kern1em ${'x'.repeat(70)} 20em`)).toBe(TOO_LARGE)
    expect(refuseCommentTex(`\\kern1em ${'x'.repeat(80)} 20em`)).toBeNull()
    expect(refuseCommentTex('\\kern1em x \\kern1em y \\kern20em')).toBe(TOO_LARGE)
  })

  it('does not take a word that starts with a unit for a dimension', () => {
    expect(refuseCommentTex('\\raisebox{1em}{20 emphasis}')).toBeNull()
    expect(refuseCommentTex('\\raisebox{1em}{20 inches}')).toBeNull()
  })
})

describe('refuseCommentMarkdown', () => {
  it('allows quotes and lists nested 8 deep on one line, not 9', () => {
    expect(refuseCommentMarkdown(`${'> '.repeat(8)}x`)).toBeNull()
    expect(refuseCommentMarkdown(`${'> '.repeat(9)}x`)).toBe(TOO_DEEP)
    expect(refuseCommentMarkdown(`${'>'.repeat(9)}x`)).toBe(TOO_DEEP)
    expect(refuseCommentMarkdown(`${'- '.repeat(9)}x`)).toBe(TOO_DEEP)
    expect(refuseCommentMarkdown(`${'* '.repeat(9)}x`)).toBe(TOO_DEEP)
    expect(refuseCommentMarkdown(`${'+ '.repeat(9)}x`)).toBe(TOO_DEEP)
    expect(refuseCommentMarkdown(`${'1. '.repeat(9)}x`)).toBe(TOO_DEEP)
    expect(refuseCommentMarkdown(`${'123456789) '.repeat(9)}x`)).toBe(TOO_DEEP)
    expect(refuseCommentMarkdown(`${'   > '.repeat(9)}x`)).toBe(TOO_DEEP)
    expect(refuseCommentMarkdown(`${'> - 1. '.repeat(3)}x`)).toBe(TOO_DEEP)
  })

  it('judges each line on its own', () => {
    expect(refuseCommentMarkdown(Array.from({ length: 20 }, () => '> > > > x').join('\n'))).toBeNull()
    expect(refuseCommentMarkdown(`ok\n${'> '.repeat(9)}x\nok`)).toBe(TOO_DEEP)
  })

  it('does not count what only looks like a marker', () => {
    expect(refuseCommentMarkdown(`${'-'.repeat(20)}`)).toBeNull()
    expect(refuseCommentMarkdown(`${'    > '.repeat(9)}x`)).toBeNull()
    expect(refuseCommentMarkdown(`${'1234567890. '.repeat(9)}x`)).toBeNull()
    expect(refuseCommentMarkdown(`${'1.'.repeat(9)}x`)).toBeNull()
    expect(refuseCommentMarkdown('-x -y -z')).toBeNull()
  })
})
