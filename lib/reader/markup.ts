/**
 * Class names and selectors the reader tools share between the prerendered
 * markup, the stylesheets and the scripts that load later. Kept apart from the
 * code that uses them, so the article's first-load script can name them
 * without pulling that code in.
 */

export const FORMULA_TOOLS = {
  wrapper: 'formula',
  tools: 'formula-tools',
  copy: 'formula-tools__copy',
  link: 'formula-tools__link',
} as const

export const COPY_TEX_LABEL = '复制 TeX'

/** Links whose target is previewed in a popover: equation references and footnote references. */
export const REFERENCE_LINK = 'a.eqref, a[data-footnote-ref]'

/** The table of contents, and the screens on which it is sticky beside the text (app/styles/article.css). */
export const TOC_NAV = 'nav.toc__nav'
export const STICKY_TOC_MEDIA = '(min-width: 75em)'
