import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { readPrintedPdf } from './support/pdf'

/**
 * Issue 19: copying formulas as TeX, equation permalinks, printing, the TOC
 * that follows the reader, footnote previews. Everything runs on the longest
 * sample article, which has all of them.
 */
const ARTICLE = '/archives/diffusion-notes-reverse'

/** Equation (7) as its author wrote it, without the \label, macros as written. */
const EQUATION_7_TEX = [
  '\\begin{equation}',
  '\\mathcal{L}_{\\text{simple}} = \\E_{t,\\vx_0,\\veps}\\left[\\norm{\\veps-\\veps_\\theta\\left(\\sqrt{\\bar{\\alpha}_t}\\,\\vx_0+\\sqrt{1-\\bar{\\alpha}_t}\\,\\veps,\\ t\\right)}^2\\right]',
  '\\end{equation}',
].join('\n')
const EQUATION_7_ANCHOR = 'eqn-eq-simple-loss'

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']

/** Axe on the regions a state changed, not on the whole MathML-heavy page. */
async function axeViolations(page: Page, ...selectors: string[]): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS)
  for (const selector of selectors) builder = builder.include(selector)
  const results = await builder.analyze()
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)
}

/** The article's tools listen once it has hydrated (reader-tools.tsx marks <html>). */
async function openArticle(page: Page, hash = '') {
  await page.goto(ARTICLE + hash)
  await expect(page.locator('html[data-reader-tools="ready"]')).toBeAttached()
}

const equation7 = (page: Page) => page.locator('article .formula').filter({ has: page.locator(`[id="${EQUATION_7_ANCHOR}"]`) })

test.describe('copying formulas as TeX', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  })

  /** Selects from the start of `fromText`'s paragraph (or from inside its first formula) to the end of `to`. */
  async function select(page: Page, options: { paragraphStart: string; from: 'paragraph' | 'inside-first-formula'; to: 'next-formula' | 'text'; endText?: string }) {
    await page.evaluate((o) => {
      const paragraph = [...document.querySelectorAll('article .prose > p')].find((p) => p.textContent!.startsWith(o.paragraphStart))!
      const range = document.createRange()
      if (o.from === 'paragraph') range.setStart(paragraph, 0)
      else range.setStart(paragraph.querySelector('.math-inline .katex-html .mord')!.firstChild!, 0)
      if (o.to === 'next-formula') range.setEndAfter(paragraph.nextElementSibling!)
      else {
        const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent!.indexOf(o.endText!)
          if (at >= 0) {
            range.setEnd(node, at + o.endText!.length)
            break
          }
        }
      }
      const selection = document.getSelection()!
      selection.removeAllRanges()
      selection.addRange(range)
    }, options)
  }

  async function copied(page: Page): Promise<string> {
    await page.keyboard.press('Control+C')
    return page.evaluate(() => navigator.clipboard.readText())
  }

  test('a selection with formulas copies prose as prose and each formula as its source, $…$ inline and $$…$$ for display', async ({ page }) => {
    await openArticle(page)
    await select(page, { paragraphStart: '如果知道', from: 'paragraph', to: 'next-formula' })
    // The copy code arrives after the selection; a reader's Ctrl+C comes later than a script's.
    await expect
      .poll(() => copied(page))
      .toBe(
        '如果知道 $q(\\vx_{t-1}\\mid\\vx_t)$，生成就是简单的祖先采样。由贝叶斯公式，\n\n' +
          '$$q(\\vx_{t-1}\\mid\\vx_t) = \\frac{q(\\vx_t\\mid\\vx_{t-1})\\,q(\\vx_{t-1})}{q(\\vx_t)}$$',
      )
  })

  test('a selection that starts inside a formula takes the whole formula', async ({ page }) => {
    await openArticle(page)
    await select(page, { paragraphStart: '如果知道', from: 'inside-first-formula', to: 'text', endText: '祖先采样' })
    await expect.poll(() => copied(page)).toBe('$q(\\vx_{t-1}\\mid\\vx_t)$，生成就是简单的祖先采样')
  })

  test('selecting prose alone copies what the browser copies', async ({ page }) => {
    await openArticle(page)
    await page.evaluate(() => {
      const heading = [...document.querySelectorAll('article .prose h2')].find((h) => h.textContent!.startsWith('变分下界'))!
      const range = document.createRange()
      range.selectNodeContents(heading.firstChild!)
      document.getSelection()!.addRange(range)
    })
    expect(await copied(page)).toBe('变分下界')
  })

  test('the "复制 TeX" button is reached by keyboard and copies the exact source, without \\label', async ({ page }) => {
    await openArticle(page)
    const formula = equation7(page)
    // Found by role alone: its name changes to "已复制" once it has copied.
    const button = formula.getByRole('button')
    // Hidden until the formula is hovered or something in it has focus.
    await expect(formula.locator('.formula-tools')).toHaveCSS('opacity', '0')

    // Keyboard: from the paragraph before the equation, Tab reaches the button.
    await page.evaluate(() => {
      const paragraph = [...document.querySelectorAll<HTMLElement>('article .prose > p')].find((p) => p.textContent!.startsWith('把前面的权重去掉'))!
      paragraph.tabIndex = -1
      paragraph.focus()
    })
    let presses = 0
    while (!(await button.evaluate((element) => element === document.activeElement)) && presses < 5) {
      await page.keyboard.press('Tab')
      presses++
    }
    await expect(button).toBeFocused()
    await expect(formula.locator('.formula-tools')).toHaveCSS('opacity', '1')
    await page.keyboard.press('Enter')
    await expect(button).toHaveText('已复制')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(EQUATION_7_TEX)
    await expect(button).toHaveText('复制 TeX')
  })

  test('hovering a display formula shows its tools; axe finds nothing in them', async ({ page }) => {
    await openArticle(page)
    const formula = equation7(page)
    await formula.scrollIntoViewIfNeeded()
    await formula.hover()
    // Found by role alone: its name changes to "已复制" once it has copied.
    const button = formula.getByRole('button')
    await expect(formula.locator('.formula-tools')).toHaveCSS('opacity', '1')
    await button.click()
    await expect(button).toHaveText('已复制')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(EQUATION_7_TEX)
    expect(await axeViolations(page, `.formula:has([id="${EQUATION_7_ANCHOR}"])`)).toEqual([])
  })
})

test.describe('equation permalinks', () => {
  test('the number is a link to itself, and the tools link to it too', async ({ page }) => {
    await openArticle(page)
    const formula = equation7(page)
    await expect(formula.getByRole('link', { name: '链接 (7)' })).toHaveAttribute('href', `#${EQUATION_7_ANCHOR}`)
    // The number sits in KaTeX's aria-hidden HTML (the MathML copy is what
    // assistive technology reads), so it is found by its text, not its role.
    const number = formula.locator('a.eqn-link', { hasText: '(7)' })
    await expect(number).toHaveAttribute('href', `#${EQUATION_7_ANCHOR}`)
    await number.scrollIntoViewIfNeeded()
    await number.click()
    await expect(page).toHaveURL(new RegExp(`#${EQUATION_7_ANCHOR}$`))
  })

  test('arriving on a permalink scrolls the equation into view, a third of the way down', async ({ page }) => {
    await page.goto(`${ARTICLE}#${EQUATION_7_ANCHOR}`)
    const number = page.locator(`[id="${EQUATION_7_ANCHOR}"]`)
    await expect(number).toBeInViewport()
    const top = (await number.boundingBox())!.y
    const height = page.viewportSize()!.height
    expect(top).toBeGreaterThan(height * 0.2)
    expect(top).toBeLessThan(height * 0.5)
    await expect(equation7(page).locator('.math-display')).toHaveCSS('animation-name', 'target-flash')
  })

  test('following a link to an equation highlights it for a moment', async ({ page }) => {
    await openArticle(page)
    const box = equation7(page).locator('.math-display')
    await expect(box).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)')
    // The first paragraph's \eqref points at equation (7); like the number, it is in KaTeX's aria-hidden HTML.
    await page.locator('article .prose p').first().locator('a.eqref', { hasText: '(7)' }).click()
    await expect(page).toHaveURL(new RegExp(`#${EQUATION_7_ANCHOR}$`))
    // The highlight is an animation of 2.5 s; held at its start to be read on a
    // busy machine: the light theme's highlight colour, #fff1b8.
    const start = await box.evaluate((element) => {
      const [flash] = element.getAnimations()
      flash!.pause()
      flash!.currentTime = 0
      return getComputedStyle(element).backgroundColor
    })
    expect(start).toBe('rgb(255, 241, 184)')
    expect(await axeViolations(page, `.formula:has([id="${EQUATION_7_ANCHOR}"])`)).toEqual([])
    // Then it fades and the equation is back to no background.
    await box.evaluate((element) => element.getAnimations()[0]!.play())
    await expect(box).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)', { timeout: 6000 })
  })
})

test.describe('printing', () => {
  /** Page counts for this article at 11 pt: about 7,000 characters of Chinese, 40 formulas, a code listing. */
  const papers = [
    { format: 'A4', size: [595.91998, 842.88], pages: [6, 10] },
    { format: 'Letter', size: [612, 792], pages: [6, 10] },
    { format: 'A5', size: [420, 595.91998], pages: [12, 22] },
  ] as const

  for (const paper of papers) {
    test(`the article prints on ${paper.format} at full size: nothing is wider than the page`, async ({ page }) => {
      // Hydrated, so the page prepares itself when Chromium announces the print (beforeprint).
      await openArticle(page)
      const pdf = readPrintedPdf(await page.pdf({ format: paper.format }))
      expect(pdf.pageSize).toEqual(paper.size)
      expect(pdf.pages).toBeGreaterThanOrEqual(paper.pages[0])
      expect(pdf.pages).toBeLessThanOrEqual(paper.pages[1])
      // 0.75 pt per CSS px on every page: Chromium did not have to shrink anything to fit.
      expect(pdf.contentScales).toHaveLength(pdf.pages)
      for (const scale of pdf.contentScales) expect(scale).toBeCloseTo(0.75, 5)
    })
  }

  test('print media: the text and formulas, without the site around them; wide formulas scaled to the page', async ({ page }) => {
    await openArticle(page)
    // What the browser does before it prints: the page measures its formulas.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')))
    await page.emulateMedia({ media: 'print' })
    // A5's printable width with the print stylesheet's 15 mm margins: 118 mm.
    await page.setViewportSize({ width: 446, height: 700 })

    await expect(page.getByRole('banner')).toBeHidden()
    await expect(page.locator('aside.side-column')).toBeHidden()
    await expect(page.locator('nav.toc__nav')).toBeHidden()
    await expect(page.locator('#comments')).toBeHidden()
    expect(await page.locator('button').evaluateAll((buttons) => buttons.filter((button) => button.getClientRects().length > 0).length)).toBe(0)
    await expect(page.getByRole('heading', { name: '如何引用本文' })).toBeVisible()
    await expect(page.locator('article .eqn-number', { hasText: '(7)' })).toBeVisible()
    const license = page.getByRole('link', { name: /CC BY-NC-SA/ })
    expect(await license.evaluate((a) => getComputedStyle(a, '::after').content)).toBe(`" (${await license.getAttribute('href')})"`)

    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth
      const tooWide = [...document.querySelectorAll('article *')].filter(
        (element) => element.getBoundingClientRect().right > width + 0.5 && !element.closest('.katex-mathml, svg') && element.getClientRects().length > 0,
      )
      const scrolling = [...document.querySelectorAll<HTMLElement>('article .math-display, article pre')].filter((box) => box.scrollWidth > box.clientWidth + 2)
      return { width, tooWide: tooWide.map((e) => e.outerHTML.slice(0, 80)), scrolling: scrolling.map((e) => e.textContent!.slice(0, 40)) }
    })
    expect(overflow).toEqual({ width: 446, tooWide: [], scrolling: [] })
    // Equation (1) is about 660 px wide at print size: it was scaled down (KaTeX's own size is 1.21 em), not cut.
    const wide = page.locator('article .math-display', { has: page.locator('[id="eqn-eq-posterior-exponent"]') })
    const [outer, katex] = await wide.evaluate((box) => [parseFloat(getComputedStyle(box).fontSize), parseFloat(getComputedStyle(box.querySelector('.katex')!).fontSize)])
    expect(katex! / outer!).toBeLessThan(0.9)
  })
})

test.describe('the table of contents follows the reader', () => {
  const toc = (page: Page) => page.getByRole('navigation', { name: '文章目录' })
  const current = (page: Page) => toc(page).locator('a[aria-current="true"]')

  async function readSection(page: Page, title: string) {
    await page
      .getByRole('heading', { level: 2, name: title, exact: false })
      .first()
      .evaluate((heading) => heading.scrollIntoView({ block: 'start' }))
  }

  test('on a 1280 px screen it stays beside the text and marks the section being read', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 })
    await openArticle(page)
    await readSection(page, '变分下界')
    await expect(current(page)).toHaveText('变分下界')
    await expect(toc(page)).toBeInViewport()
    // Beside the text, not above it.
    const [tocBox, bodyBox] = [await toc(page).boundingBox(), await page.locator('article .prose').boundingBox()]
    expect(tocBox!.x).toBeGreaterThan(bodyBox!.x + bodyBox!.width)

    await readSection(page, '方差的选择')
    await expect(current(page)).toHaveText('方差的选择')
    await expect(current(page)).toHaveCount(1)
    await expect(toc(page)).toBeInViewport()
    expect(await axeViolations(page, 'nav[aria-label="文章目录"]')).toEqual([])

    // Back above the first section: nothing is current.
    await page.evaluate(() => window.scrollTo(0, 0))
    await expect(current(page)).toHaveCount(0)
  })

  test('below 1200 px it stays the block at the top of the article', async ({ page }) => {
    await page.setViewportSize({ width: 1100, height: 900 })
    await openArticle(page)
    await readSection(page, '变分下界')
    await expect(toc(page)).not.toBeInViewport()
    await expect(current(page)).toHaveCount(0)
  })
})

test.describe('footnote previews', () => {
  // The first reference in the text is to the note written second ([^2]); GFM numbers it 1.
  const FIRST_NOTE = '对于取值离散的数据（比如 8 位图像的像素）'
  const reference = (page: Page) => page.locator('article .prose a[data-footnote-ref]').first()

  test('hovering a footnote reference shows the note, and leaving hides it', async ({ page }) => {
    await openArticle(page)
    await reference(page).scrollIntoViewIfNeeded()
    await reference(page).hover()
    const tooltip = page.getByRole('tooltip')
    await expect(tooltip).toContainText(FIRST_NOTE)
    // The note without its "back to text" arrow and without links to click.
    await expect(tooltip).not.toContainText('↩')
    await expect(tooltip.getByRole('link')).toHaveCount(0)
    expect(await axeViolations(page, '#reference-preview')).toEqual([])
    await page.mouse.move(0, 0)
    await expect(tooltip).toHaveCount(0)
  })

  test('keyboard focus shows the note and describes the reference by it; Escape hides it', async ({ page }) => {
    await openArticle(page)
    await reference(page).focus()
    const tooltip = page.getByRole('tooltip')
    await expect(tooltip).toContainText(FIRST_NOTE)
    await expect(reference(page)).toHaveAccessibleDescription(new RegExp(`^${FIRST_NOTE}`))
    expect(await axeViolations(page, '#reference-preview', 'article .prose sup:has(a[data-footnote-ref])')).toEqual([])
    await page.keyboard.press('Escape')
    await expect(tooltip).toHaveCount(0)
  })

  test.describe('on a touch screen', () => {
    test.use({ hasTouch: true, viewport: { width: 360, height: 740 } })

    test('the first tap shows the note, the second follows the reference', async ({ page }) => {
      await openArticle(page)
      await reference(page).scrollIntoViewIfNeeded()
      await reference(page).tap()
      await expect(page.getByRole('tooltip')).toContainText(FIRST_NOTE)
      expect(new URL(page.url()).hash).toBe('')
      await reference(page).tap()
      await expect(page).toHaveURL(/#user-content-fn-2$/)
    })

    test('tapping elsewhere closes the note', async ({ page }) => {
      await openArticle(page)
      await reference(page).scrollIntoViewIfNeeded()
      await reference(page).tap()
      await expect(page.getByRole('tooltip')).toBeVisible()
      await page.getByRole('heading', { level: 1 }).tap()
      await expect(page.getByRole('tooltip')).toHaveCount(0)
    })
  })
})
