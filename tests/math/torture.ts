/**
 * Formulas that math and machine-learning writing uses, chosen to break
 * layouts: stacked scripts, stretchy arrows, CJK text in tables, alignment
 * columns, references inside math, long lines on a phone. The fidelity test
 * (tests/math/fidelity.spec.ts) renders each one as the site ships it and as
 * KaTeX renders it on its own, and compares the two in Chromium.
 *
 * The list is read in order as one article: labels defined early are
 * referenced later, and a \newcommand stays defined for what follows.
 */

export interface TortureFormula {
  /** Stable name, used in the report and in test titles. */
  id: string
  tex: string
  display: boolean
}

const d = (id: string, tex: string): TortureFormula => ({ id, tex, display: true })
const i = (id: string, tex: string): TortureFormula => ({ id, tex, display: false })

export const tortureFormulas: TortureFormula[] = [
  // Stacked scripts: \overset, \underset, \stackrel, limits.
  d('overset-def', 'f(x) \\overset{\\text{def}}{=} \\sum_{k=1}^{n} a_k x^k'),
  d('underset-min', '\\underset{\\boldsymbol{w}}{\\min}\\; \\mathcal{L}(\\boldsymbol{w}) + \\lambda\\Vert\\boldsymbol{w}\\Vert^2'),
  d('stackrel-ineq', 'a \\stackrel{\\text{(i)}}{\\leq} b \\stackrel{\\text{(ii)}}{<} c'),
  d('underset-cjk', 'f\\big(\\mathbb{E}[x]\\big) \\underset{\\text{凸}}{\\geq} \\mathbb{E}[f(x)]'),
  i('overset-inline', '\\overset{\\text{def}}{=}'),
  i('underset-inline', '\\underset{\\theta}{\\arg\\max}\\, p(x|\\theta)'),
  d('operatorname-limits', '\\operatorname*{arg\\,max}_{\\theta \\in \\Theta} \\log p_\\theta(x)'),
  d('mathop-limits', '\\mathop{\\mathrm{softmax}}\\limits_{j=1,\\dots,n}(s_j)'),
  d('sum-limits-display', '\\sum_{i=1}^{n}\\sum_{j=1}^{m} w_{ij} \\prod_{k \\neq i} x_k'),
  i('sum-limits-inline', '\\sum_{i=1}^{n} x_i = \\prod_{k} y_k'),
  d('substack', '\\sum_{\\substack{0 \\le i \\le m \\\\ 0 < j < n}} P(i, j)'),
  d('sideset-style', '{}_{a}^{b}\\!\\sum\\nolimits_{c}^{d} x_i + \\mathop{{}_{a}\\!\\sum}\\limits_{i=1}^{n}'),
  d('limits-lim', '\\lim_{n \\to \\infty} \\left(1 + \\frac{1}{n}\\right)^{n} = e'),
  d('nested-scripts', 'x^{y^{z^{w}}} + a_{b_{c_{d}}} + e^{-\\frac{x^2}{2\\sigma^2}}'),
  d('primes', "f'(x) + f''(x) + f'''(x) + g^{\\prime}_{k} + {h'}^{2}"),
  i('primes-inline', "y' = f'(x)\\, x'"),
  d('pre-scripts', '{}^{t}\\!A \\;+\\; {}_{n}C_{k} \\;+\\; {}^{14}_{\\;6}\\mathrm{C}'),

  // Stretchy arrows with labels.
  d('xrightarrow', 'A \\xrightarrow{f} B \\xrightarrow{\\text{linear map}} C'),
  d('xrightarrow-both', 'x_t \\xrightarrow[\\text{加噪}]{q(x_t|x_{t-1})} x_{t+1}'),
  d('xleftarrow-cjk', 'p \\xleftarrow{\\text{反向过程}} q'),
  d('xlongequal', 'a \\xlongequal{\\text{由}\\eqref{eq:torture-energy}} b'),
  d('xmapsto', 'x \\xmapsto{\\;\\varphi\\;} \\varphi(x)'),
  i('xrightarrow-inline', 'X \\xrightarrow{\\text{编码器}} Z'),
  d('long-arrows', 'A \\longrightarrow B \\Longleftrightarrow C \\hookrightarrow D \\twoheadrightarrow E'),
  d('overrightarrow', '\\overrightarrow{AB} + \\overleftarrow{CD} + \\overleftrightarrow{EF}'),

  // Numbered environments and references.
  d('equation-labelled', '\\begin{equation} E = \\frac{1}{2} m v^2 \\label{eq:torture-energy} \\end{equation}'),
  d('equation-long-text', '\\begin{equation} \\text{对所有满足条件的样本} \\; x \\in \\mathcal{D}, \\quad \\text{损失函数在训练过程中单调递减，直到收敛为止} \\label{eq:torture-long-text} \\end{equation}'),
  d('equation-tag-math', '\\begin{equation} x + y = z \\tag{$\\dagger$} \\label{eq:torture-dagger} \\end{equation}'),
  d('equation-tag-text', '\\begin{equation} a^2 + b^2 = c^2 \\tag{勾股} \\label{eq:torture-gougu} \\end{equation}'),
  d('equation-tag-star', 'e^{i\\pi} + 1 = 0 \\tag*{(欧拉)}'),
  d('align-two', '\\begin{align} f(x) &= (x+1)^2 \\label{eq:torture-square} \\\\ &= x^2 + 2x + 1 \\end{align}'),
  d('align-nonumber', '\\begin{align} a &= b + c \\nonumber \\\\ &= d \\label{eq:torture-d} \\\\ &= e \\notag \\end{align}'),
  d('align-pairs', '\\begin{align} x &= 1 & y &= 2 \\\\ x^2 &= 1 & y^2 &= 4 \\end{align}'),
  d('align-star', '\\begin{align*} \\nabla_\\theta \\mathcal{L} &= \\mathbb{E}_{x}\\left[\\nabla_\\theta \\log p_\\theta(x)\\right] \\\\ &\\approx \\frac{1}{N}\\sum_{i=1}^{N} \\nabla_\\theta \\log p_\\theta(x_i) \\end{align*}'),
  d('align-cjk', '\\begin{align} \\text{损失} &= \\text{交叉熵} + \\lambda \\cdot \\text{正则项} \\\\ \\text{总计} &= \\mathcal{L}_{\\text{CE}} + \\lambda \\Vert\\theta\\Vert^2 \\end{align}'),
  d('align-long-left', '\\begin{align} \\log \\sum_{i=1}^{n} e^{x_i} &= m + \\log \\sum_{i=1}^{n} e^{x_i - m} \\\\ y &= 2 \\end{align}'),
  d('alignat-two', '\\begin{alignat}{2} x &= a + b &\\quad& \\text{（定义）} \\\\ &= c &&\\text{（由式\\eqref{eq:torture-energy}）} \\end{alignat}'),
  d('alignat-cjk', '\\begin{alignat}{3} \\text{输入} &: \\; x & \\qquad \\text{输出} &: \\; y & \\qquad \\text{隐变量} &: \\; z \\end{alignat}'),
  d('gather', '\\begin{gather} a = b \\\\ c + d = e + f + g \\label{eq:torture-gather} \\end{gather}'),
  d('gather-star', '\\begin{gather*} \\int_0^1 x\\,dx = \\frac12 \\\\ \\int_0^\\infty e^{-x}\\,dx = 1 \\end{gather*}'),
  d('multline', '\\begin{multline} p(x_1, x_2, \\dots, x_n) = p(x_1)\\, p(x_2 \\mid x_1) \\\\ \\times p(x_3 \\mid x_1, x_2) \\cdots \\\\ \\times p(x_n \\mid x_1, \\dots, x_{n-1}) \\label{eq:torture-chain} \\end{multline}'),
  d('multline-star', '\\begin{multline*} a + b + c + d + e + f \\\\ + g + h + i + j \\end{multline*}'),
  d('eqnarray', '\\begin{eqnarray} a &=& b + c \\\\ &\\le& d \\label{eq:torture-eqnarray} \\end{eqnarray}'),
  d('equation-split', '\\begin{equation} \\begin{split} (a+b)^2 &= (a+b)(a+b) \\\\ &= a^2 + 2ab + b^2 \\end{split} \\label{eq:torture-split} \\end{equation}'),
  d('equation-aligned', '\\begin{equation} \\left\\{ \\begin{aligned} \\dot{x} &= \\sigma (y - x) \\\\ \\dot{y} &= x(\\rho - z) - y \\\\ \\dot{z} &= xy - \\beta z \\end{aligned} \\right. \\end{equation}'),
  d('gathered', '\\begin{gathered} x = y \\\\ \\text{其中 } y = 2z + 1 \\end{gathered}'),
  d('tag-top-level', 'u_t = \\Delta u \\tag{A.1}'),
  d('refs-in-text', '\\text{由式}\\eqref{eq:torture-energy}\\text{与式}\\ref{eq:torture-square}\\text{可得}'),
  i('ref-inline-text', '\\text{式}\\eqref{eq:torture-energy}\\text{与式}\\ref{eq:torture-d}'),
  i('ref-inline-only', '\\eqref{eq:torture-square}'),
  i('ref-to-math-tag', '\\eqref{eq:torture-dagger}'),
  d('ref-in-text-parens', 'y = f(x) \\quad \\text{（由式\\eqref{eq:torture-split}）}'),
  d('ref-in-cases', 'g(x) = \\begin{cases} \\eqref{eq:torture-energy} & \\text{若 } x > 0 \\\\ \\ref{eq:torture-gather} & \\text{否则} \\end{cases}'),
  i('ref-tag-text', '\\eqref{eq:torture-gougu}'),

  // Cases, arrays, matrices.
  d('cases', 'f(x) = \\begin{cases} x^2, & x \\ge 0 \\\\ -x, & x < 0 \\end{cases}'),
  d('cases-cjk', '\\mathrm{sgn}(x) = \\begin{cases} 1, & \\text{当 } x > 0 \\text{ 时} \\\\ 0, & \\text{当 } x = 0 \\text{ 时} \\\\ -1, & \\text{其他情况} \\end{cases}'),
  d('dcases', '\\begin{dcases} \\frac{1}{2}, & x \\in A \\\\ \\sum_{k} \\frac{1}{k^2}, & x \\notin A \\end{dcases}'),
  d('rcases', '\\begin{rcases} a > 0 \\\\ b > 0 \\end{rcases} \\Rightarrow ab > 0'),
  d('array-lcr', '\\begin{array}{lcr} \\text{左} & \\text{中间} & \\text{右} \\\\ x & x + y & x + y + z \\end{array}'),
  d('array-lines', '\\left[\\begin{array}{c|c} A & B \\\\ \\hline C & D \\end{array}\\right]'),
  d('array-cjk-table', '\\begin{array}{|l|c|r|} \\hline \\text{方法} & \\text{复杂度} & \\text{准确率} \\\\ \\hline \\text{标准注意力} & O(n^2) & 92.1\\% \\\\ \\text{线性注意力} & O(n) & 90.4\\% \\\\ \\hline \\end{array}'),
  d('matrix', '\\begin{matrix} a & b \\\\ c & d \\end{matrix}'),
  d('pmatrix', 'A = \\begin{pmatrix} a_{11} & a_{12} & \\cdots & a_{1n} \\\\ a_{21} & a_{22} & \\cdots & a_{2n} \\\\ \\vdots & \\vdots & \\ddots & \\vdots \\\\ a_{m1} & a_{m2} & \\cdots & a_{mn} \\end{pmatrix}'),
  d('bmatrix', '\\begin{bmatrix} \\cos\\theta & -\\sin\\theta \\\\ \\sin\\theta & \\cos\\theta \\end{bmatrix}'),
  d('vmatrix', '\\det A = \\begin{vmatrix} a & b \\\\ c & d \\end{vmatrix} = ad - bc'),
  d('Vmatrix-Bmatrix', '\\begin{Vmatrix} x \\end{Vmatrix} + \\begin{Bmatrix} 1 & 2 \\end{Bmatrix}'),
  i('smallmatrix', '\\left(\\begin{smallmatrix} a & b \\\\ c & d \\end{smallmatrix}\\right)'),
  d('matrix-block', '\\begin{pmatrix} \\boldsymbol{R}_{\\theta_1} & 0 & \\cdots & 0 \\\\ 0 & \\boldsymbol{R}_{\\theta_2} & \\cdots & 0 \\\\ \\vdots & \\vdots & \\ddots & \\vdots \\\\ 0 & 0 & \\cdots & \\boldsymbol{R}_{\\theta_{d/2}} \\end{pmatrix}'),
  d('matrix-cjk', '\\begin{bmatrix} \\text{查询} & \\text{键} \\\\ \\text{值} & \\text{输出} \\end{bmatrix}'),

  // Braces, delimiters, \middle.
  d('overbrace', '\\overbrace{1 + 2 + \\cdots + n}^{n \\text{ 项}} = \\frac{n(n+1)}{2}'),
  d('underbrace', '\\underbrace{\\boldsymbol{q}^{\\top}\\boldsymbol{k}}_{\\text{相似度}} \\cdot \\underbrace{\\frac{1}{\\sqrt{d}}}_{\\text{缩放}}'),
  d('over-under-brace', '\\overbrace{a + \\underbrace{b + c}_{x}}^{y}'),
  d('left-middle-right', '\\left\\{ x \\in \\mathbb{R} \\;\\middle|\\; x^2 < \\frac{1}{2} \\right\\}'),
  d('left-right-tall', '\\left( \\sum_{i=1}^{n} \\frac{a_i}{b_i} \\right)^{2} \\le \\left[ \\int_0^1 f(x) \\, dx \\right]'),
  d('big-delims', '\\Bigg( \\bigg[ \\Big\\{ \\big( x \\big) \\Big\\} \\bigg] \\Bigg)'),
  d('angle-norm', '\\langle \\boldsymbol{x}, \\boldsymbol{y} \\rangle \\le \\Vert \\boldsymbol{x} \\Vert \\, \\Vert \\boldsymbol{y} \\Vert, \\quad \\lvert a \\rvert, \\quad \\lVert b \\rVert'),
  d('floor-ceil', '\\left\\lfloor \\frac{n}{2} \\right\\rfloor + \\left\\lceil \\log_2 n \\right\\rceil'),
  i('norm-inline', '\\|\\boldsymbol{x}\\|_2 = \\sqrt{\\sum_i x_i^2}'),

  // Accents on bold and Greek.
  d('accents', '\\hat{x} + \\tilde{y} + \\bar{z} + \\vec{v} + \\dot{a} + \\ddot{b} + \\check{c} + \\breve{d} + \\acute{e} + \\grave{f}'),
  d('accents-bold', '\\hat{\\boldsymbol{x}} + \\tilde{\\boldsymbol{\\mu}} + \\bar{\\boldsymbol{W}} + \\vec{\\boldsymbol{v}}'),
  d('accents-greek', '\\hat{\\theta} + \\tilde{\\alpha} + \\bar{\\sigma} + \\vec{\\omega} + \\hat{\\Sigma} + \\dot{\\phi}'),
  d('wide-accents', '\\widehat{xyz} + \\widetilde{abc} + \\overline{a + b} + \\underline{c + d} + \\widehat{\\boldsymbol{W}\\boldsymbol{x}}'),
  i('hat-inline', '\\hat{\\boldsymbol{y}} = \\boldsymbol{W}\\boldsymbol{x}'),
  d('mathbf-vs-boldsymbol', '\\mathbf{x} + \\boldsymbol{x} + \\boldsymbol{\\alpha} + \\bm{\\beta} + \\pmb{\\gamma}'),

  // Negations, cancel, boxes, colour.
  d('not', 'a \\not= b, \\quad x \\not\\in A, \\quad A \\not\\subset B, \\quad p \\neq q, \\quad x \\notin C'),
  d('cancel', '\\frac{\\cancel{x}\\, y}{\\cancel{x}\\, z} = \\frac{y}{z}, \\quad \\bcancel{a} + \\xcancel{b}'),
  d('boxed', '\\boxed{E = mc^2} \\quad \\boxed{\\text{结论：} \\nabla \\cdot \\boldsymbol{E} = \\rho / \\varepsilon_0}'),
  d('fbox-colorbox', '\\fbox{$x$} + \\colorbox{yellow}{$y$} + \\fcolorbox{red}{white}{$z$}'),
  d('color', '\\color{red} a + \\color{blue} b + \\textcolor{green}{c} + {\\color{#888} d}'),
  i('color-inline', '\\textcolor{red}{\\boldsymbol{x}} \\ne \\textcolor{blue}{\\boldsymbol{y}}'),

  // Text with CJK wherever math allows it.
  i('text-cjk-inline', 'x \\text{ 当且仅当 } y'),
  d('text-cjk-display', 'P(\\text{正面}) = \\frac{\\text{正面次数}}{\\text{总次数}}'),
  d('text-cjk-frac', '\\frac{\\text{分子}}{\\text{分母}} + \\sqrt{\\text{根号内}}'),
  d('text-cjk-scripts', 'x_{\\text{最大}} + y^{\\text{新}} + \\sum_{\\text{所有样本}} \\ell'),
  d('text-cjk-mixed', '\\text{若 } \\alpha > 0 \\text{，则 } f(\\alpha) \\text{ 单调递增，否则 } f \\text{ 为常数。}'),
  d('textbf-textit', '\\textbf{定理} \\; \\textit{italic} \\; \\texttt{mono} \\; \\textsf{sans} \\; \\textrm{roman}'),
  d('hbox-text', '\\hbox{一段文字} + \\hbox{another}'),
  d('text-punct-cjk', '\\text{（注意：这里的“期望”是对 } x \\text{ 取的）}'),

  // Operators and spacing: \log, \sin, unary minus, \operatorname.
  d('log-spacing', '\\log p(x) - \\log q(x) = \\log\\frac{p(x)}{q(x)}, \\quad \\sin x \\cos y, \\quad \\exp(-x)'),
  i('log-inline', '\\log p'),
  d('unary-minus', '(-1)^n + (-x) + \\{-a\\} + [-b] + f(-t) = - y'),
  i('unary-minus-inline', '(-1)^n'),
  d('operatorname', '\\operatorname{softmax}(x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}, \\quad \\operatorname{KL}(p \\Vert q), \\quad \\operatorname{tr}(A)'),
  d('mod-gcd', 'a \\bmod b, \\quad a \\equiv b \\pmod{m}, \\quad \\gcd(a, b), \\quad \\det(A), \\quad \\Pr(X)'),
  d('spacing', 'a\\,b\\;c\\:d\\!e\\quad f\\qquad g \\enspace h \\thinspace i'),
  d('binary-rel', 'a \\pm b \\mp c \\times d \\div e \\cdot f \\circ g \\oplus h \\otimes i \\odot j'),
  d('relations', 'a \\le b \\ge c \\ll d \\gg e \\approx f \\sim g \\simeq h \\cong i \\equiv j \\propto k'),
  d('set-ops', 'A \\cup B \\cap C \\setminus D \\subseteq E \\supseteq F \\subsetneq G, \\quad \\emptyset, \\varnothing'),
  d('logic', '\\forall x \\; \\exists y : \\neg P(x) \\land Q(y) \\lor R \\implies S \\iff T'),

  // Fractions, roots, binomials.
  d('frac-nested', '\\frac{1}{1 + \\frac{1}{1 + \\frac{1}{1 + \\frac{1}{x}}}}'),
  d('cfrac', '\\cfrac{1}{1 + \\cfrac{1}{1 + \\cfrac{1}{x}}}'),
  d('dfrac-tfrac', '\\dfrac{a}{b} + \\tfrac{c}{d} + \\frac{e}{f}'),
  i('frac-inline', '\\frac{\\partial \\mathcal{L}}{\\partial \\boldsymbol{w}}'),
  d('sqrt', '\\sqrt{x} + \\sqrt[3]{y} + \\sqrt{\\frac{a}{b}} + \\sqrt{\\sqrt{\\sqrt{z}}}'),
  d('binom', '\\binom{n}{k} = \\frac{n!}{k!(n-k)!}, \\quad \\dbinom{n}{2}, \\quad \\tbinom{a}{b}'),
  d('genfrac-atop', '{a \\atop b} + {n \\choose k} + {x \\over y}'),

  // Integrals, sums, big operators.
  d('integrals', '\\int_0^\\infty e^{-x^2} dx = \\frac{\\sqrt{\\pi}}{2}, \\quad \\iint_D f \\, dA, \\quad \\oint_C \\boldsymbol{F} \\cdot d\\boldsymbol{r}'),
  d('integral-limits', '\\int\\limits_{-\\infty}^{\\infty} p(x) \\, dx = 1'),
  d('big-ops', '\\bigcup_{i=1}^{n} A_i, \\quad \\bigcap_{j} B_j, \\quad \\bigoplus_k V_k, \\quad \\bigotimes_l W_l, \\quad \\coprod_m C_m'),
  i('integral-inline', '\\int_0^1 f(x)\\,dx'),
  d('expectation', '\\mathbb{E}_{x \\sim p_{\\text{data}}}\\left[\\log D(x)\\right] + \\mathbb{E}_{z \\sim p_z}\\left[\\log(1 - D(G(z)))\\right]'),

  // Fonts and alphabets.
  d('alphabets', '\\mathbb{R}^n, \\mathcal{L}, \\mathscr{F}, \\mathfrak{g}, \\mathsf{T}, \\mathtt{x}, \\mathrm{d}x, \\mathit{if}'),
  d('greek', '\\alpha\\beta\\gamma\\delta\\epsilon\\varepsilon\\zeta\\eta\\theta\\vartheta\\iota\\kappa\\lambda\\mu\\nu\\xi\\pi\\varpi\\rho\\varrho\\sigma\\varsigma\\tau\\upsilon\\phi\\varphi\\chi\\psi\\omega'),
  d('greek-upper', '\\Gamma\\Delta\\Theta\\Lambda\\Xi\\Pi\\Sigma\\Upsilon\\Phi\\Psi\\Omega, \\quad \\varGamma, \\varDelta'),
  d('symbols', '\\infty, \\partial, \\nabla, \\hbar, \\ell, \\aleph, \\Re, \\Im, \\wp, \\angle, \\triangle, \\square, \\dagger, \\ddagger'),
  d('dots', 'x_1, x_2, \\ldots, x_n, \\quad a_1 + \\cdots + a_n, \\quad \\vdots, \\quad \\ddots, \\quad \\dotsb, \\dotsc'),

  // Sizes, phantoms, rules, kerns.
  d('sizes', '{\\tiny a} {\\scriptsize b} {\\small c} {\\normalsize d} {\\large e} {\\Large f} {\\LARGE g} {\\huge h}'),
  d('styles', '{\\displaystyle \\sum_i x_i} \\; {\\textstyle \\sum_i x_i} \\; {\\scriptstyle \\sum_i x_i}'),
  d('phantom', 'a + \\phantom{bbb} + c, \\quad \\hphantom{xx} y, \\quad \\vphantom{\\int} z, \\quad \\smash{\\int} w'),
  d('rule-kern', 'a \\rule{1em}{0.4pt} b \\kern1em c \\hspace{2em} d \\mkern18mu e'),
  d('raisebox', 'x \\raisebox{0.5em}{$y$} z \\raisebox{-0.3em}{$w$}'),
  d('llap-rlap', 'a \\llap{/} b \\rlap{\\,$\\backslash$} c \\mathllap{x} \\mathrlap{y}'),

  // Site macros and \newcommand that persists.
  d('newcommand-defines', '\\newcommand{\\tortureKL}[2]{\\mathrm{KL}\\left(#1 \\,\\Vert\\, #2\\right)} \\tortureKL{p}{q} \\ge 0'),
  i('newcommand-used-later', '\\tortureKL{q}{p}'),
  d('def-macro', '\\def\\tortureNorm#1{\\left\\lVert #1 \\right\\rVert} \\tortureNorm{\\boldsymbol{x}}_2'),
  i('def-used-later', '\\tortureNorm{y}'),

  // Comments inside formulas.
  d('comment-line', '\\begin{align} a &= b \\label{eq:torture-comment} \\\\ % a commented-out row &= c \\\\\n % \\label{eq:torture-old}\n c &= d \\end{align}'),
  d('comment-escaped-percent', '\\text{增长了 } 50\\% \\text{，约为 } 0.5'),

  // Long formulas (a 360 px screen).
  d('long-display', '\\mathcal{L}_{\\text{VLB}} = \\mathbb{E}_{q}\\left[\\log \\frac{q(x_{1:T} \\mid x_0)}{p_\\theta(x_{0:T})}\\right] = \\mathbb{E}_q\\left[ D_{\\mathrm{KL}}(q(x_T|x_0) \\Vert p(x_T)) + \\sum_{t=2}^{T} D_{\\mathrm{KL}}(q(x_{t-1}|x_t,x_0) \\Vert p_\\theta(x_{t-1}|x_t)) - \\log p_\\theta(x_0|x_1) \\right]'),
  d('long-numbered', '\\begin{equation} \\operatorname{Attention}(\\boldsymbol{Q}, \\boldsymbol{K}, \\boldsymbol{V}) = \\operatorname{softmax}\\left(\\frac{\\boldsymbol{Q}\\boldsymbol{K}^{\\top}}{\\sqrt{d_k}} + \\boldsymbol{M}\\right)\\boldsymbol{V}, \\quad \\boldsymbol{M}_{ij} = \\begin{cases} 0, & i \\ge j \\\\ -\\infty, & i < j \\end{cases} \\label{eq:torture-attention} \\end{equation}'),
  i('long-inline', 'p_\\theta(x_{t-1} \\mid x_t) = \\mathcal{N}\\left(x_{t-1}; \\mu_\\theta(x_t, t), \\Sigma_\\theta(x_t, t)\\right) \\quad \\text{for all } t = 1, 2, \\dots, T'),
  i('long-inline-unbreakable', '\\left(\\frac{\\boldsymbol{q}_m^{\\top}\\boldsymbol{k}_n}{\\sqrt{d}} + \\log\\frac{\\sum_{j=1}^{n} e^{s_j}}{\\sum_{j=1}^{m} e^{s_j}} + \\mathrm{bias}_{m-n}\\right)'),
  d('long-align', '\\begin{align} \\boldsymbol{q}_m^{\\top}\\boldsymbol{k}_n &= \\operatorname{Re}\\left[\\sum_{i=0}^{d/2-1} \\boldsymbol{q}_{[2i:2i+1]} \\boldsymbol{k}^{*}_{[2i:2i+1]} e^{\\mathrm{i}(m-n)\\theta_i}\\right] \\\\ &= \\sum_{i=0}^{d/2-1} \\left( q_{2i} k_{2i} + q_{2i+1} k_{2i+1} \\right) \\cos (m-n)\\theta_i + \\left( q_{2i} k_{2i+1} - q_{2i+1} k_{2i} \\right) \\sin (m-n)\\theta_i \\end{align}'),

  // Common machine-learning formulas.
  d('softmax', 'p_i = \\frac{e^{z_i / \\tau}}{\\sum_{j=1}^{K} e^{z_j / \\tau}}'),
  d('entropy', 'H(p) = -\\sum_{i} p_i \\log p_i, \\quad H(p, q) = -\\sum_i p_i \\log q_i'),
  d('gaussian', '\\mathcal{N}(x \\mid \\mu, \\sigma^2) = \\frac{1}{\\sqrt{2\\pi\\sigma^2}} \\exp\\left(-\\frac{(x - \\mu)^2}{2\\sigma^2}\\right)'),
  d('adam', '\\begin{aligned} m_t &= \\beta_1 m_{t-1} + (1 - \\beta_1) g_t \\\\ v_t &= \\beta_2 v_{t-1} + (1 - \\beta_2) g_t^2 \\\\ \\hat{m}_t &= \\frac{m_t}{1 - \\beta_1^t}, \\quad \\hat{v}_t = \\frac{v_t}{1 - \\beta_2^t} \\\\ \\theta_t &= \\theta_{t-1} - \\eta \\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\epsilon} \\end{aligned}'),
  d('rope', 'f(\\boldsymbol{q}, m) = \\boldsymbol{R}_m \\boldsymbol{q}, \\quad \\boldsymbol{R}_m = \\begin{pmatrix} \\cos m\\theta & -\\sin m\\theta \\\\ \\sin m\\theta & \\cos m\\theta \\end{pmatrix}'),
  d('vq', 'z_q(x) = e_k, \\quad k = \\mathop{\\arg\\min}_{j} \\Vert z_e(x) - e_j \\Vert_2'),
  d('straight-through', '\\mathcal{L} = \\log p(x \\mid z_q(x)) + \\Vert \\operatorname{sg}[z_e(x)] - e \\Vert_2^2 + \\beta \\Vert z_e(x) - \\operatorname{sg}[e] \\Vert_2^2'),
  d('kl-gaussians', 'D_{\\mathrm{KL}}\\big(\\mathcal{N}(\\mu_1, \\sigma_1^2) \\,\\Vert\\, \\mathcal{N}(\\mu_2, \\sigma_2^2)\\big) = \\log\\frac{\\sigma_2}{\\sigma_1} + \\frac{\\sigma_1^2 + (\\mu_1 - \\mu_2)^2}{2\\sigma_2^2} - \\frac{1}{2}'),
  d('diffusion-forward', 'q(x_t \\mid x_0) = \\mathcal{N}\\left(x_t; \\sqrt{\\bar{\\alpha}_t}\\, x_0, (1 - \\bar{\\alpha}_t) \\boldsymbol{I}\\right), \\quad \\bar{\\alpha}_t = \\prod_{s=1}^{t} \\alpha_s'),
  d('score', '\\nabla_{x} \\log p(x) \\approx s_\\theta(x), \\quad \\mathbb{E}\\left[\\Vert s_\\theta(x) - \\nabla_x \\log p(x) \\Vert^2\\right]'),
  d('gumbel', 'y = \\mathop{\\arg\\max}_{i} \\left( \\log \\pi_i + g_i \\right), \\quad g_i = -\\log(-\\log u_i), \\; u_i \\sim U(0, 1)'),
  d('lora', 'W = W_0 + \\Delta W = W_0 + BA, \\quad B \\in \\mathbb{R}^{d \\times r}, \\; A \\in \\mathbb{R}^{r \\times k}, \\; r \\ll \\min(d, k)'),
  d('attention-scale', '\\frac{\\boldsymbol{q} \\cdot \\boldsymbol{k}}{\\sqrt{d}} \\sim \\mathcal{N}(0, 1), \\quad \\kappa = \\frac{\\log n}{\\log 512} \\cdot \\frac{1}{\\sqrt{d}}'),
  d('linear-attention', '\\operatorname{Attn}(\\boldsymbol{Q}, \\boldsymbol{K}, \\boldsymbol{V})_i = \\frac{\\phi(\\boldsymbol{q}_i)^{\\top} \\sum_{j} \\phi(\\boldsymbol{k}_j) \\boldsymbol{v}_j^{\\top}}{\\phi(\\boldsymbol{q}_i)^{\\top} \\sum_{j} \\phi(\\boldsymbol{k}_j)}'),
  d('jacobian', '\\boldsymbol{J} = \\frac{\\partial (y_1, \\dots, y_m)}{\\partial (x_1, \\dots, x_n)} = \\begin{bmatrix} \\frac{\\partial y_1}{\\partial x_1} & \\cdots & \\frac{\\partial y_1}{\\partial x_n} \\\\ \\vdots & \\ddots & \\vdots \\\\ \\frac{\\partial y_m}{\\partial x_1} & \\cdots & \\frac{\\partial y_m}{\\partial x_n} \\end{bmatrix}'),
  d('taylor', 'f(x + h) = f(x) + h f\'(x) + \\frac{h^2}{2!} f\'\'(x) + \\cdots = \\sum_{n=0}^{\\infty} \\frac{h^n}{n!} f^{(n)}(x)'),
  d('inequality-chain', '\\left|\\frac{1}{n}\\sum_{i=1}^n X_i - \\mu\\right| \\le \\epsilon \\quad \\text{w.p.} \\ge 1 - 2\\exp\\left(-\\frac{2n\\epsilon^2}{(b-a)^2}\\right)'),
  d('probability', 'P(A \\mid B) = \\frac{P(B \\mid A) \\, P(A)}{P(B)}, \\quad X \\perp\\!\\!\\!\\perp Y \\mid Z'),
  d('limits-sup', '\\limsup_{n \\to \\infty} a_n, \\quad \\liminf_{n} b_n, \\quad \\sup_{x \\in A} f(x), \\quad \\inf_{y} g(y), \\quad \\max_{i} c_i'),
  d('derivatives', '\\frac{d}{dx} f(x), \\quad \\frac{\\partial^2 f}{\\partial x \\partial y}, \\quad \\dot{x}, \\quad \\nabla^2 f, \\quad \\frac{\\mathrm{d}^n y}{\\mathrm{d} x^n}'),
  d('hessian-trace', '\\operatorname{tr}(\\boldsymbol{H}) = \\sum_i \\frac{\\partial^2 \\mathcal{L}}{\\partial \\theta_i^2}, \\quad \\boldsymbol{H} \\succeq 0'),
  d('sets-builder', '\\mathcal{S} = \\{ (x, y) \\in \\mathbb{R}^2 : x^2 + y^2 \\le 1 \\}'),
  d('piecewise-relu', '\\operatorname{ReLU}(x) = \\max(0, x) = \\begin{cases} x & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}, \\quad \\operatorname{GELU}(x) = x \\Phi(x)'),
  d('complex', 'e^{\\mathrm{i}\\theta} = \\cos\\theta + \\mathrm{i}\\sin\\theta, \\quad |z|^2 = z \\bar{z}, \\quad \\arg z'),
  d('transpose-inverse', '(\\boldsymbol{A}\\boldsymbol{B})^{\\top} = \\boldsymbol{B}^{\\top}\\boldsymbol{A}^{\\top}, \\quad (\\boldsymbol{A}^{-1})^{\\top} = (\\boldsymbol{A}^{\\top})^{-1}'),
  d('hadamard', '\\boldsymbol{x} \\odot \\boldsymbol{y}, \\quad \\boldsymbol{x} \\otimes \\boldsymbol{y}, \\quad \\boldsymbol{A} \\circ \\boldsymbol{B}'),
  d('stirling', 'n! \\sim \\sqrt{2\\pi n}\\left(\\frac{n}{e}\\right)^{n}'),
  d('continued-sum', '\\zeta(s) = \\sum_{n=1}^{\\infty} \\frac{1}{n^s} = \\prod_{p \\text{ prime}} \\frac{1}{1 - p^{-s}}'),
  d('cdots-matrix-sum', '\\sum_{i=1}^{n} \\lambda_i = \\operatorname{tr}(\\boldsymbol{A}), \\quad \\prod_{i=1}^{n} \\lambda_i = \\det(\\boldsymbol{A})'),
  d('overline-complement', '\\overline{A \\cup B} = \\bar{A} \\cap \\bar{B}'),
  i('inline-scripts-cjk', 'x_{\\text{训练}}^{(i)}'),
  i('inline-frac-cjk', '\\frac{\\text{好}}{\\text{坏}}'),
  d('cases-ref-number', '\\begin{equation} \\delta_{ij} = \\begin{cases} 1 & i = j \\\\ 0 & i \\neq j \\end{cases} \\label{eq:torture-kronecker} \\end{equation}'),
  d('align-ref-rows', '\\begin{align} u &= \\ref{eq:torture-kronecker} + 1 \\\\ v &= \\eqref{eq:torture-chain} \\end{align}'),
  d('one-line-dollars', 'x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}'),
  d('vert-bars', '|x| + \\|y\\| + \\lvert z \\rvert + \\mid w \\mid'),
  d('arrows-misc', 'A \\to B, \\; a \\mapsto b, \\; x \\rightarrow y, \\; \\uparrow \\downarrow \\Uparrow \\Downarrow \\nearrow \\searrow, \\; \\leftrightarrows \\rightleftharpoons'),
  d('tensor-indices', 'T^{\\mu\\nu}{}_{\\rho\\sigma} = g^{\\mu\\alpha} g^{\\nu\\beta} T_{\\alpha\\beta\\rho\\sigma}'),
  d('hline-array-aligned', '\\begin{array}{r|l} n & f(n) \\\\ \\hline 1 & 1 \\\\ 10 & 3628800 \\end{array}'),
  d('boxed-align', '\\boxed{\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}}'),
]
