/**
 * How readers cite an article: plain text, BibTeX, and GB/T 7714-2015 (the
 * Chinese national standard for references to electronic resources).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

export interface CitationInput {
  author: string
  title: string
  /** YYYY-MM-DD */
  date: string
  url: string
  siteKey: string
  slug: string
}

function parts(date: string): { year: string; monthIndex: number; day: number } {
  const [year = '', month = '1', day = '1'] = date.split('-')
  return { year, monthIndex: Number(month) - 1, day: Number(day) }
}

/** `林析. (Nov. 29, 2023). 《标题》[Blog post]. Retrieved from https://…` */
export function plainCitation(input: CitationInput): string {
  const { year, monthIndex, day } = parts(input.date)
  const month = MONTHS[monthIndex] ?? ''
  const abbreviated = month === 'May' ? month : `${month}.`
  return `${input.author}. (${abbreviated} ${day}, ${year}). 《${input.title}》[Blog post]. Retrieved from ${input.url}`
}

function escapeBibtex(text: string): string {
  return text.replace(/([&%$#_])/g, '\\$1').replace(/[{}]/g, (brace) => `\\${brace}`)
}

export function bibtexCitation(input: CitationInput): string {
  const { year, monthIndex } = parts(input.date)
  return [
    `@online{${input.siteKey}-${input.slug},`,
    `  title={${escapeBibtex(input.title)}},`,
    `  author={${escapeBibtex(input.author)}},`,
    `  year={${year}},`,
    `  month={${MONTHS[monthIndex] ?? ''}},`,
    `  url={\\url{${input.url}}},`,
    '}',
  ].join('\n')
}

/**
 * `林析. 标题[EB/OL]. (2023-11-29)[2026-11-29]. https://…` — the second date is
 * when the reader cites it, so it is filled in when they copy.
 */
export function gbtCitation(input: CitationInput, citedOn: string): string {
  return `${input.author}. ${input.title}[EB/OL]. (${input.date})[${citedOn}]. ${input.url}.`
}

export const CITED_ON_PLACEHOLDER = '引用日期'
