import type { TocEntry } from '@/lib/content/posts.server'

/** h2 sections with their h3 subsections, folded on small screens by the reader's choice. Entries keep their formulas. */
export function TableOfContents({ entries }: { entries: readonly TocEntry[] }) {
  if (entries.length < 2) return null
  const sections: { entry: TocEntry; children: TocEntry[] }[] = []
  for (const entry of entries) {
    const last = sections[sections.length - 1]
    if (entry.depth === 3 && last) last.children.push(entry)
    else sections.push({ entry, children: [] })
  }
  return (
    <details className="toc" open>
      <summary>目录</summary>
      <nav className="toc__nav" aria-label="文章目录">
        <ol>
          {sections.map(({ entry, children }) => (
            <li key={entry.id}>
              <a href={`#${encodeURIComponent(entry.id)}`} dangerouslySetInnerHTML={{ __html: entry.html }} />
              {children.length > 0 ? (
                <ol>
                  {children.map((child) => (
                    <li key={child.id}>
                      <a href={`#${encodeURIComponent(child.id)}`} dangerouslySetInnerHTML={{ __html: child.html }} />
                    </li>
                  ))}
                </ol>
              ) : null}
            </li>
          ))}
        </ol>
      </nav>
    </details>
  )
}
