import { describe, expect, it } from 'vitest'
import { cleanStyle, filterFormulaHtml } from './filter-formula-html'

const filter = (html: string, maxDepth = 120) => filterFormulaHtml(html, { maxDepth })

describe('filterFormulaHtml', () => {
  it('keeps the renderer’s markup as it is', () => {
    const html =
      '<span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>x</mi></mrow>' +
      '<annotation encoding="application/x-tex">x</annotation></semantics></math></span>' +
      '<span class="katex-html" aria-hidden="true"><span class="katex-base"><span class="katex-strut" style="height:0.4306em"></span>' +
      '<span class="mord mathnormal">x</span></span></span></span>'
    expect(filter(html)).toBe(html)
  })

  it('keeps text, entities included, between tags', () => {
    expect(filter('<span class="mord">a &lt; b &amp; c</span>')).toBe('<span class="mord">a &lt; b &amp; c</span>')
    expect(filter('plain text')).toBe('plain text')
    expect(filter('')).toBe('')
  })

  it('refuses the whole formula for an element not on the list', () => {
    for (const html of ['<script>alert(1)</script>', '<span><img src="x"></span>', '<iframe></iframe>', '<style>*{}</style>', '<form></form>']) {
      expect(filter(html), html).toBeNull()
    }
  })

  it('refuses markup that is not the renderer’s: unbalanced, misnested or not tokenizable', () => {
    for (const html of [
      '<span>',
      '</span>',
      '<span></div>',
      '<span><mi></span></mi>',
      '<span class=katex></span>',
      "<span class='katex'></span>",
      '<span class="a"b"></span>',
      '<span <mi>></span>',
      'a > b',
      '<SPAN></SPAN>',
      '<span onclick="x()"/ >',
    ]) {
      expect(filter(html), html).toBeNull()
    }
  })

  it('drops attributes that are not allowed on the element, keeping the element', () => {
    expect(filter('<span onclick="alert(1)" class="mord" id="x" title="t">a</span>')).toBe('<span class="mord" title="t">a</span>')
    expect(filter('<mi mathvariant="normal" onmouseover="x()" href="#eqn-1">x</mi>')).toBe('<mi mathvariant="normal">x</mi>')
    expect(filter('<div style="color:red" class="katex-display">a</div>')).toBe('<div class="katex-display">a</div>')
    expect(filter('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="x()"><path d="M0 0" fill="red"/></svg>')).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0"/></svg>',
    )
  })

  it('keeps only classes KaTeX or this site define, and drops an emptied class attribute', () => {
    expect(filter('<span class="mord site-header evil mathnormal">x</span>')).toBe('<span class="mord mathnormal">x</span>')
    expect(filter('<span class="site-header evil">x</span>')).toBe('<span>x</span>')
    expect(filter('<span class="  mord   mbin ">x</span>')).toBe('<span class="mord mbin">x</span>')
  })

  it('cleans styles, and drops a style with nothing left', () => {
    expect(filter('<span style="height:1em;position:fixed;background:url(x)">x</span>')).toBe('<span style="height:1em">x</span>')
    expect(filter('<span style="position:fixed">x</span>')).toBe('<span>x</span>')
  })

  it('keeps links only to equations', () => {
    expect(filter('<a class="eqref" href="#eqn-eq-attn">(3)</a>')).toBe('<a class="eqref" href="#eqn-eq-attn">(3)</a>')
    expect(filter('<a class="eqref" href="#eqn-2_b">(2)</a>')).toBe('<a class="eqref" href="#eqn-2_b">(2)</a>')
    for (const href of ['javascript:alert(1)', 'https://evil.example/#eqn-1', '#eqn-1 x', '#eqn-', '#comment-1', '/#eqn-1']) {
      expect(filter(`<a class="eqref" href="${href}">x</a>`), href).toBe('<a class="eqref">x</a>')
    }
  })

  it('writes empty and void elements self-closed', () => {
    expect(filter('<mspace width="1em"/>')).toBe('<mspace width="1em"/>')
    expect(filter('<mspace width="1em" />')).toBe('<mspace width="1em"/>')
    expect(filter('<svg><line x1="0" y1="0" x2="1" y2="1" stroke-width="2"><path d="M1 1"></svg>')).toBe(
      '<svg><line x1="0" y1="0" x2="1" y2="1" stroke-width="2"/><path d="M1 1"/></svg>',
    )
  })

  it('allows nesting up to the limit, not deeper', () => {
    const nested = (depth: number) => `${'<mrow>'.repeat(depth)}x${'</mrow>'.repeat(depth)}`
    expect(filter(nested(5), 5)).toBe(nested(5))
    expect(filter(nested(6), 5)).toBeNull()
    // Depth, not count: siblings do not add up.
    expect(filter('<mrow>a</mrow>'.repeat(10), 1)).toBe('<mrow>a</mrow>'.repeat(10))
  })

  it('starts afresh on every call', () => {
    expect(filter('<span>')).toBeNull()
    expect(filter('<mi>x</mi>')).toBe('<mi>x</mi>')
  })
})

describe('cleanStyle', () => {
  it('keeps lengths within 200em either way, in em, px or unitless', () => {
    expect(cleanStyle('height:1.2em;margin-left:-0.5em;width:200em')).toBe('height:1.2em;margin-left:-0.5em;width:200em')
    expect(cleanStyle('width:200.1em')).toBe('')
    expect(cleanStyle('top:-201em')).toBe('')
    expect(cleanStyle('width:3200px')).toBe('width:3200px')
    expect(cleanStyle('width:3201px')).toBe('')
    expect(cleanStyle('border-width:0.04')).toBe('border-width:0.04')
    expect(cleanStyle('min-width:.5em')).toBe('min-width:.5em')
  })

  it('drops lengths it cannot read', () => {
    for (const value of ['calc(1em + 1px)', '1e9em', '1vw', '10%', 'expression(alert(1))', '1em 2em', '']) {
      expect(cleanStyle(`height:${value}`), value).toBe('')
    }
  })

  it('keeps the keywords and colours KaTeX writes, and nothing else', () => {
    expect(cleanStyle('position:relative;border-style:solid;color:#ff0000;background-color:red;border-color:#abc')).toBe(
      'position:relative;border-style:solid;color:#ff0000;background-color:red;border-color:#abc',
    )
    expect(cleanStyle('border-right-style:dashed;border-bottom-style:dotted;position:absolute')).toBe(
      'border-right-style:dashed;border-bottom-style:dotted;position:absolute',
    )
    expect(cleanStyle('--math-depth:0.25em;--math-depth:12.125em')).toBe('--math-depth:0.25em;--math-depth:12.125em')
    for (const declaration of [
      'position:fixed',
      'position:sticky',
      'border-style:none',
      'color:url(x)',
      'color:#12',
      'color:#123456789',
      'color:ab',
      '--math-depth:100em',
      '--math-depth:1.1234em',
      'background:red',
      'display:none',
      'z-index:9999',
    ]) {
      expect(cleanStyle(declaration).includes(declaration.split(';')[0]!), declaration).toBe(false)
    }
  })

  it('reads property names in any case and trims around the colon', () => {
    expect(cleanStyle(' Height : 1em ; COLOR: blue ')).toBe('height:1em;color:blue')
  })

  it('skips declarations without a colon', () => {
    expect(cleanStyle('height;width:1em;;')).toBe('width:1em')
    // Not "color: colorx" read from a declaration that has no colon.
    expect(cleanStyle('colorx')).toBe('')
    expect(cleanStyle('a:1em;colorx;color:red')).toBe('color:red')
  })
})
