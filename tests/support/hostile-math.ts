/**
 * Comments built to exhaust the renderer: expansion bombs, recursion, huge
 * tables, deep nesting, extreme sizes, deep quotes and lists. Each must be
 * rendered within the budget (250 ms, 100 KB) or refused, and none may stall
 * the server. Beside the hostile-input table (hostile-input.ts), which is about
 * what input may contain; this one is about what it may cost.
 */

export interface HostileComment {
  name: string
  body: string
}

const repeat = (text: string, times: number) => text.repeat(times)

/** Nested \def macros, each repeating the one before ten times: 10^depth copies of `seed`. */
function expansionBomb(depth: number, seed: string, define = '\\def'): string {
  let tex = `${define}\\a{${seed}}`
  const names = 'abcdefghij'
  for (let level = 1; level < depth; level++) {
    const previous = `\\${names[level - 1]}`
    tex += `${define}\\${names[level]}{${repeat(previous, 10)}}`
  }
  return `$${tex}\\${names[depth - 1]}$`
}

export const hostileComments: HostileComment[] = [
  { name: '\\def bomb, 6 levels of ×10', body: expansionBomb(6, 'x^2') },
  { name: '\\def bomb with a long seed', body: expansionBomb(4, repeat('\\frac{a}{b}', 40)) },
  { name: '\\newcommand bomb', body: expansionBomb(5, '\\sqrt{x}', '\\newcommand') },
  { name: '\\gdef bomb', body: expansionBomb(5, 'y', '\\gdef') },
  { name: 'macro with arguments duplicated', body: `$\\def\\d#1{#1#1#1#1#1#1#1#1#1#1}${repeat('\\d{', 6)}x${repeat('}', 6)}$` },
  { name: 'self-recursive \\def', body: '$\\def\\r{\\r\\r}\\r$' },
  { name: 'self-recursive \\newcommand', body: '$\\newcommand{\\r}{x\\r}\\r$' },
  { name: 'mutual recursion', body: '$\\def\\p{\\q}\\def\\q{\\p}\\p$' },
  { name: '\\let loop', body: '$\\let\\x\\relax\\def\\y{\\y}\\y$' },
  { name: 'expandafter chain', body: `$${repeat('\\expandafter', 400)}x$` },
  { name: 'site macros repeated', body: `$${repeat('\\norm{\\R^n}', 400)}$` },
  { name: 'matrix with 4,900 empty cells', body: `$\\begin{matrix}${repeat('&', 4900)}\\end{matrix}$` },
  { name: 'matrix with 2,000 rows', body: `$\\begin{matrix}${repeat('x\\\\', 1200)}\\end{matrix}$` },
  { name: 'ten tables at the limit', body: repeat(`$\\begin{matrix}${repeat('&', 45)}\\end{matrix}$ `, 10) },
  { name: 'array with 600 columns', body: `$\\begin{array}{${repeat('c', 600)}}${repeat('x&', 599)}x\\end{array}$` },
  { name: '2,400 nested braces', body: `$${repeat('{', 2400)}x${repeat('}', 2400)}$` },
  { name: '800 nested \\frac', body: `$${repeat('\\frac{1}{', 800)}x${repeat('}', 800)}$` },
  { name: '600 nested \\sqrt', body: `$${repeat('\\sqrt{', 600)}x${repeat('}', 600)}$` },
  { name: '500 nested \\left( \\right)', body: `$${repeat('\\left(', 500)}x${repeat('\\right)', 500)}$` },
  { name: '300 nested environments', body: `$${repeat('\\begin{matrix}', 300)}x${repeat('\\end{matrix}', 300)}$` },
  { name: 'deep superscripts', body: `$${repeat('x^{', 1000)}y${repeat('}', 1000)}$` },
  { name: '\\rule 10,000 em', body: '$\\rule{10000em}{10000em}$' },
  { name: '\\rule in inches', body: '$\\rule{500in}{1pt}$' },
  { name: '\\kern -1,000 em', body: '$\\kern-1000em x$' },
  { name: '\\kern with spaces', body: '$\\kern - 1000 em x$' },
  { name: '\\hspace huge', body: '$a\\hspace{99999pt}b$' },
  { name: '\\mkern huge', body: '$a\\mkern-90000mu b$' },
  { name: '\\raisebox 150 em', body: '$\\raisebox{150em}{\\textbf{站务公告：请点击}}$' },
  { name: '\\raisebox -150 em', body: '$\\raisebox{-150em}{x}$' },
  { name: 'row spacing huge', body: '$\\begin{matrix} a \\\\[5000em] b \\end{matrix}$' },
  { name: 'many inline formulas', body: repeat('$x$', 1600) },
  { name: 'many display formulas', body: repeat('$$\n\\sum_{i=1}^n x_i\n$$\n', 250) },
  { name: 'long \\text', body: `$\\text{${repeat('长', 4900)}}$` },
  { name: '2,400 nested quotes', body: `${repeat('> ', 2400)}x` },
  { name: '2,499 nested list items', body: `${repeat('- ', 2499)}x` },
  { name: 'nested ordered lists', body: `${repeat('1. ', 1600)}x` },
  { name: 'quote and list interleaved', body: `${repeat('> - ', 1200)}x` },
  { name: 'deep emphasis', body: `${repeat('*_', 1200)}x${repeat('_*', 1200)}` },
  { name: 'deep links', body: `${repeat('[', 2000)}x${repeat('](https://example.com)', 200)}` },
  { name: 'unclosed environments', body: `$${repeat('\\begin{cases}', 1000)}$` },
  { name: 'color nested', body: `$${repeat('\\color{red}{', 1500)}x${repeat('}', 1500)}$` },
]
