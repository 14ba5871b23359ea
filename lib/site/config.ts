/**
 * Everything about the site that is not content: its name, author, license and
 * navigation. Components and feeds read these values from here only.
 */
export const siteConfig = {
  name: '格物志',
  tagline: '数学、机器学习与一点生活',
  description: '一个关于数学与机器学习的中文技术博客：Transformer、注意力机制、量化与优化的长文推导，公式编号清晰、可引用。',
  author: '林析',
  /** Prefix of BibTeX keys: `@online{gewuzhi-<slug>, …}`. */
  citationKey: 'gewuzhi',
  locale: 'zh-CN',
  license: {
    name: '署名-非商业性使用-相同方式共享 4.0 国际',
    shortName: 'CC BY-NC-SA 4.0',
    url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/deed.zh-hans',
  },
  /** The thank-you strip at the top of every page; `null` hides it. */
  banner: null as null | { text: string; href?: string },
  navigation: [
    { label: '首页', href: '/' },
    { label: '归档', href: '/archives' },
    { label: '搜索', href: '/search' },
    { label: '留言', href: '/feedback' },
  ],
} as const

export type SiteConfig = typeof siteConfig
