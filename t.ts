import fs from 'node:fs'
import { renderArticleMath } from '@/lib/content/math/render-article-math'
import { parseMacroFile } from '@/lib/content/math/macros'
const macros = parseMacroFile(fs.readFileSync('content/macros.tex','utf8'))
const srcs = [
  [String.raw`\eqref{eq:b}`, false],
  [String.raw`\begin{equation} \text{Attention}(Q,K,V) = \softmax\left(\frac{QK^{\T}}{\sqrt{d}}\right)V \label{eq:a}\end{equation}`, true],
  [String.raw`\begin{align} \E[x] &= \sum_{i=1}^n p_i x_i \label{eq:b} \\ &= \int_0^\infty x\, \d F(x) \nonumber \\ u &= \eqref{eq:a} + \frac{1}{2}\norm{v}^2 \tag{*} \label{eq:c}\end{align}`, true],
  [String.raw`x + \ref{eq:c}, \R^n, \boldsymbol{\alpha}, \mathcal{L}, \mathbf{W}_1, \argmax_x f(x)`, false],
  [String.raw`\begin{equation}\begin{aligned} f(x) &= \log\sum_j e^{x_j} \\ &= m + \log \sum_j e^{x_j - m}\end{aligned}\label{eq:lse}\end{equation}`, true],
  [String.raw`\mathcal{L} = -\sum_{i=1}^{N} \log \frac{e^{s_{i,i}/\tau}}{\sum_{j=1}^{N} e^{s_{i,j}/\tau}} + \lambda \sum_{k} \norm{W_k}_F^2 + \text{一些中文} + \left(\begin{matrix} 1 & 2 \\ 3 & 4\end{matrix}\right)`, true],
  [String.raw`f(x) = \begin{cases} x, & x > 0 \\ \alpha(e^x - 1), & \text{其他情况}\end{cases}`, true],
  [String.raw`\begin{gather} a = b \label{eq:g1}\\ c = d \end{gather}`, true],
] as const
const r = renderArticleMath(srcs.map(([tex, display]) => ({ tex, display })), macros)
console.log(r.problems)
const css = `@font-face { font-family: 'STIX Two Math'; src: url(/tmp/fontcheck/node_modules/@fontsource/stix-two-math/files/stix-two-math-latin-400-normal.woff2) format('woff2'); }
body { --font-body: system-ui, 'Noto Sans CJK SC', sans-serif; font: 17px/1.8 var(--font-body); max-width: 720px; margin: 2em auto; }` + fs.readFileSync('app/styles/math.css','utf8')
const p = (i: number) => `<div class="math-display">${r.html[i]}</div>`
fs.writeFileSync('/tmp/mathtest.html', `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${css}</style></head><body><p>由 ${r.html[0]} 可知，注意力定义为</p>${p(1)}<p>期望写作</p>${p(2)}<p>其中 ${r.html[3]} 是一个带标签的式子。</p>${p(4)}${p(5)}${p(6)}${p(7)}</body></html>`)
