import { siteConfig } from './config'

/**
 * Every URL the site links to is built here, so paths stay consistent and
 * Chinese names are encoded once, the same way everywhere.
 */
export const paths = {
  home: () => '/',
  page: (n: number) => (n <= 1 ? '/' : `/page/${n}`),
  article: (slug: string) => `/archives/${slug}`,
  archive: () => '/archives',
  archiveMonth: (year: string, month: string) => `/archives#${year}-${month}`,
  category: (name: string, page = 1) => `/category/${encodeURIComponent(name)}${page > 1 ? `/page/${page}` : ''}`,
  tag: (name: string, page = 1) => `/tag/${encodeURIComponent(name)}${page > 1 ? `/page/${page}` : ''}`,
  series: (name: string) => `/series/${encodeURIComponent(name)}`,
  search: (query?: string, page = 1) => (query ? `/search?q=${encodeURIComponent(query)}${page > 1 ? `&page=${page}` : ''}` : '/search'),
  feed: () => '/feed.xml',
  atom: () => '/atom.xml',
  feedback: () => '/feedback',
  login: (callbackUrl?: string) => (callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/login'),
  register: () => '/register',
} as const

export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path, `${siteUrl}/`).toString()
}

export { siteConfig }
