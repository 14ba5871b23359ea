import type { ReactNode } from 'react'
import { SiteLink } from '@/app/_components/site-link'

interface PaginationProps {
  current: number
  total: number
  href: (page: number) => string
  /** The navigation's name; default "分页". */
  label?: string
  /**
   * For pages shown inside one document (the comments under an article): the
   * links keep their href, but a click calls this instead of navigating.
   */
  onSelect?: (page: number) => void
}

interface PageLinkProps {
  page: number
  href: string
  onSelect?: (page: number) => void
  rel?: string
  'aria-label'?: string
  children: ReactNode
}

function PageLink({ page, href, onSelect, ...props }: PageLinkProps) {
  if (!onSelect) return <SiteLink href={href} {...props} />
  return (
    <a
      href={href}
      {...props}
      onClick={(event) => {
        event.preventDefault()
        onSelect(page)
      }}
    />
  )
}

/** Page links 1…n with the current one marked; a window around the current page when long. */
export function Pagination({ current, total, href, label = '分页', onSelect }: PaginationProps) {
  if (total <= 1) return null
  const pages = new Set([1, total, current - 2, current - 1, current, current + 1, current + 2].filter((p) => p >= 1 && p <= total))
  const ordered = [...pages].sort((a, b) => a - b)
  return (
    <nav aria-label={label}>
      <ul className="pagination">
        {current > 1 ? (
          <li>
            <PageLink page={current - 1} href={href(current - 1)} onSelect={onSelect} rel="prev">
              上一页
            </PageLink>
          </li>
        ) : null}
        {ordered.map((page, index) => (
          <li key={page}>
            {index > 0 && page - ordered[index - 1]! > 1 ? <span aria-hidden="true">…</span> : null}
            {page === current ? (
              <span aria-current="page">{page}</span>
            ) : (
              <PageLink page={page} href={href(page)} onSelect={onSelect} aria-label={`第 ${page} 页`}>
                {page}
              </PageLink>
            )}
          </li>
        ))}
        {current < total ? (
          <li>
            <PageLink page={current + 1} href={href(current + 1)} onSelect={onSelect} rel="next">
              下一页
            </PageLink>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
