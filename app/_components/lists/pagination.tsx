import { SiteLink } from '@/app/_components/site-link'

/** Page links 1…n with the current one marked; a window around the current page when long. */
export function Pagination({ current, total, href }: { current: number; total: number; href: (page: number) => string }) {
  if (total <= 1) return null
  const pages = new Set([1, total, current - 2, current - 1, current, current + 1, current + 2].filter((p) => p >= 1 && p <= total))
  const ordered = [...pages].sort((a, b) => a - b)
  return (
    <nav aria-label="分页">
      <ul className="pagination">
        {current > 1 ? (
          <li>
            <SiteLink href={href(current - 1)} rel="prev">
              上一页
            </SiteLink>
          </li>
        ) : null}
        {ordered.map((page, index) => (
          <li key={page}>
            {index > 0 && page - ordered[index - 1]! > 1 ? <span aria-hidden="true">…</span> : null}
            {page === current ? (
              <span aria-current="page">{page}</span>
            ) : (
              <SiteLink href={href(page)} aria-label={`第 ${page} 页`}>
                {page}
              </SiteLink>
            )}
          </li>
        ))}
        {current < total ? (
          <li>
            <SiteLink href={href(current + 1)} rel="next">
              下一页
            </SiteLink>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
