import fs from 'node:fs'
import path from 'node:path'

/**
 * A synthetic corpus shaped like our real articles: ~8,000 CJK characters,
 * ~20 display and ~80 inline formulas each (all distinct, within and across
 * articles, so no cache can flatter a measurement), code blocks, tables,
 * tags, categories and series. Deterministic for a given seed.
 */

export interface CorpusOptions {
  articles: number
  displayFormulas?: number
  inlineFormulas?: number
  cjkCharacters?: number
  seed?: number
}

function random(seed: number) {
  let state = seed >>> 0 || 1
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 4294967296
  }
}

const phrases = [
  '从另一个角度看，这个结果并不意外',
  '我们先回顾一下标准的做法',
  '注意到上式右端与序列长度无关',
  '这意味着模型在训练长度之外也能保持稳定',
  '实验表明这一修改几乎不增加计算量',
  '为了简化记号，下面省略偏置项',
  '这里的关键在于方差的估计',
  '读者可以自行验证这一等式',
  '如果把注意力看成一种加权平均',
  '那么熵的变化就反映了分布的集中程度',
  '在低精度训练中，数值稳定性尤为重要',
  '这个近似在维度较高时相当准确',
  '我们不妨从最简单的二维情形入手',
  '类似的推导也适用于多头注意力',
  '量化误差可以看成一种加性噪声',
  '梯度的方向比它的大小更值得关注',
  '这与直觉上的理解是一致的',
  '更严格的证明需要用到集中不等式',
  '下面给出具体的实现细节',
  '结论部分我们再讨论它的局限',
]
const symbols = ['x', 'y', 'z', 'q', 'k', 'v', 'w', 'u', 'h', 's', 'a', 'b', 'c', 't', 'r']
const greek = ['\\alpha', '\\beta', '\\gamma', '\\lambda', '\\mu', '\\sigma', '\\tau', '\\theta', '\\eta', '\\epsilon']
const tags = ['Transformer', '注意力', '长度外推', '优化器', '量化', '概率', '矩阵', '数值稳定', '生成模型', '位置编码', '熵', '初始化']
const categories = ['信息时代', '数学研究', '数值计算', '学习笔记']

export function generateCorpus(directory: string, options: CorpusOptions): string[] {
  const next = random(options.seed ?? 42)
  const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
  const displayCount = options.displayFormulas ?? 20
  const inlineCount = options.inlineFormulas ?? 80
  const cjkTarget = options.cjkCharacters ?? 8000
  let serial = 0
  // Every formula carries a unique number, so no two formulas in the corpus are equal.
  const unique = () => `${++serial}`
  const inlineFormula = () => {
    const a = pick(symbols)
    const g = pick(greek)
    const n = unique()
    const shapes = [
      `${a}_{${n}} = ${g} ${pick(symbols)}^2`,
      `\\frac{${a}}{\\sqrt{${n}}}`,
      `\\sum_{i=1}^{${n}} ${a}_i`,
      `${g}^{${n}} \\in \\R^{d}`,
      `\\norm{${a}}_{${n}} \\le ${g}`,
      `\\E[${a}^{${n}}]`,
      `\\boldsymbol{${a}}_m^{\\T}\\boldsymbol{${pick(symbols)}}_{n+${n}}`,
      `p(\\boldsymbol{x}_{t-1}|\\boldsymbol{x}_t) = \\mathcal{N}(\\boldsymbol{x}_{t-1}; \\boldsymbol{\\mu}_{${n}}, ${g}^2 \\boldsymbol{I})`,
      `\\mathcal{O}(n^{${n}} d)`,
      `e^{\\text{i} m\\theta_{${n}}}`,
    ]
    return pick(shapes)
  }
  const displayFormula = (label: string, refs: string[]) => {
    const a = pick(symbols)
    const b = pick(symbols)
    const g = pick(greek)
    const n = unique()
    const ref = refs.length > 0 && next() < 0.3 ? ` + \\eqref{${pick(refs)}}` : ''
    const shapes = [
      `\\begin{equation}\n${a}_{${n}} = \\softmax\\left(\\frac{${a}${b}^{\\T}}{\\sqrt{d}}\\right) ${g} \\label{${label}}\n\\end{equation}`,
      `\\begin{align}\n\\Var[${a}\\cdot ${b}] &= \\sum_{i=1}^{${n}} \\E[${a}_i^2]\\E[${b}_i^2] \\label{${label}} \\\\\n&= ${n} ${g}^2${ref} \\nonumber\n\\end{align}`,
      `\\begin{equation}\n\\log \\sum_{j=1}^{${n}} e^{${a}_j} = m + \\log \\sum_{j} e^{${a}_j - m} \\label{${label}}\n\\end{equation}`,
      `\\begin{equation}\\begin{aligned}\n\\mathcal{L}_{${n}} &= -\\sum_{i} \\log p_\\theta(${a}_i) \\\\\n&\\approx ${g} \\int_0^{\\infty} ${b}(t)\\,\\d t\n\\end{aligned}\\label{${label}}\\end{equation}`,
      `\\begin{equation}\n${g}_{${n}} = \\argmin_{${a}} \\norm{W${a} - ${b}}^2 + \\lambda \\norm{${a}}_1 \\label{${label}}\n\\end{equation}`,
      `\\begin{equation}\n\\boldsymbol{q}_m^{\\T}\\boldsymbol{k}_n = \\text{Re}\\left[\\sum_{i=0}^{d/2-1}\\boldsymbol{q}_{[2i:2i+1]}\\boldsymbol{k}_{[2i:2i+1]}^* e^{\\text{i}(m-n)\\theta_{${n}}}\\right]${ref} \\label{${label}}\n\\end{equation}`,
      `\\begin{equation}\n\\begin{pmatrix}\\cos m\\theta_{${n}} & -\\sin m\\theta_{${n}} \\\\ \\sin m\\theta_{${n}} & \\cos m\\theta_{${n}}\\end{pmatrix}\\begin{pmatrix}${a}_0 \\\\ ${a}_1\\end{pmatrix} = \\begin{pmatrix}${a}_0\\cos m\\theta - ${a}_1 \\sin m\\theta \\\\ ${a}_0\\sin m\\theta + ${a}_1\\cos m\\theta\\end{pmatrix} \\label{${label}}\n\\end{equation}`,
      `\\begin{align}\n\\mathcal{L}_{\\text{VQ}} &= \\norm{${a} - D(z_q)}^2 + \\beta\\norm{\\text{sg}[z_e] - z_q}^2 \\label{${label}} \\\\\n&\\quad + \\gamma_{${n}}\\norm{z_e - \\text{sg}[z_q]}^2 \\nonumber\n\\end{align}`,
      `\\begin{equation}\np(\\boldsymbol{x}_{t-1}|\\boldsymbol{x}_t) = \\mathcal{N}\\left(\\boldsymbol{x}_{t-1};\\frac{1}{\\alpha_t}\\left(\\boldsymbol{x}_t - \\frac{\\beta_t^2}{\\bar{\\beta}_t}\\boldsymbol{\\epsilon}_{\\boldsymbol{\\theta}}(\\boldsymbol{x}_t, ${n})\\right),\\sigma_t^2\\boldsymbol{I}\\right) \\label{${label}}\n\\end{equation}`,
      `\\begin{equation}\nf(${a}) = \\begin{cases} ${a}^{${n}}, & ${a} > 0 \\\\ ${g}\\left(e^{${a}} - 1\\right), & \\text{其他情况} \\end{cases} \\label{${label}}\n\\end{equation}`,
    ]
    return pick(shapes)
  }

  fs.mkdirSync(directory, { recursive: true })
  const files: string[] = []
  for (let index = 0; index < options.articles; index++) {
    const slug = `bench-${String(index).padStart(4, '0')}`
    const date = new Date(Date.UTC(2015, 0, 1) + index * 86_400_000 * 3).toISOString().slice(0, 10)
    const labels: string[] = []
    const displays = Array.from({ length: displayCount }, (_, i) => {
      const label = `eq:${slug}-${i}`
      const formula = displayFormula(label, labels)
      labels.push(label)
      return formula
    })
    const paragraphs: string[] = []
    let cjk = 0
    let inlineLeft = inlineCount
    let displayIndex = 0
    const paragraphCount = Math.max(displayCount, 24)
    for (let p = 0; p < paragraphCount; p++) {
      const sentences: string[] = []
      const inlinesHere = Math.ceil(inlineLeft / (paragraphCount - p))
      for (let s = 0; s < 6 && cjk < cjkTarget * ((p + 1) / paragraphCount); s++) {
        const phrase = `${pick(phrases)}，${pick(phrases)}`
        cjk += phrase.length
        sentences.push(phrase)
      }
      for (let i = 0; i < inlinesHere && inlineLeft > 0; i++, inlineLeft--) {
        sentences.splice(Math.floor(next() * (sentences.length + 1)), 0, `$${inlineFormula()}$`)
      }
      if (displayIndex > 0 && next() < 0.5) sentences.push(`由$\\eqref{${labels[Math.floor(next() * displayIndex)]}}$可知`)
      paragraphs.push(`${sentences.join('，')}。`)
      if (p % 8 === 3) paragraphs.push(`## 第${p}节`)
      if (displayIndex < displays.length) paragraphs.push(`$$\n${displays[displayIndex++]}\n$$`)
      if (p === 10) paragraphs.push('```python\nimport numpy as np\n\ndef attention(q, k, v):\n    s = q @ k.T / np.sqrt(q.shape[-1])\n    return softmax(s) @ v\n```')
      if (p === 14) paragraphs.push('| 方法 | 长度 | 困惑度 |\n| --- | --- | --- |\n| 基线 | 512 | 12.3 |\n| 改进 | 4096 | 11.8 |')
    }
    const seriesIndex = index % 50 === 0 ? null : index
    const frontMatter = [
      '---',
      `title: 基准文章 ${index}：注意力与长度外推的第${index}种看法`,
      `date: ${date}`,
      `category: ${categories[index % categories.length]}`,
      `tags: [${pick(tags)}, ${pick(tags)}]`,
      ...(seriesIndex !== null && index % 10 < 3 ? [`series: 基准系列${Math.floor(index / 10)}`, `seriesPart: ${(index % 10) + 1}`] : []),
      '---',
    ]
    const body = [paragraphs[0], '{/* more */}', ...paragraphs.slice(1)].join('\n\n')
    const file = path.join(directory, `${slug}.mdx`)
    fs.writeFileSync(file, `${frontMatter.join('\n')}\n\n${body}\n`)
    files.push(file)
  }
  return files
}
