'use client'

import { useEffect, useState } from 'react'
import { CopyButton } from '../copy-button'

interface CitationBlockProps {
  plain: string
  bibtex: string
  /** GB/T 7714 text with the citation date left as a placeholder. */
  gbtTemplate: string
  placeholder: string
}

function today(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** The citation formats, each with a copy button; GB/T 7714 gets today's date as its citation date. */
export function CitationBlock({ plain, bibtex, gbtTemplate, placeholder }: CitationBlockProps) {
  const [gbt, setGbt] = useState(gbtTemplate)
  useEffect(() => setGbt(gbtTemplate.replace(placeholder, today())), [gbtTemplate, placeholder])
  const formats = [
    { id: 'plain', title: '文本格式', text: plain },
    { id: 'bibtex', title: 'BibTeX', text: bibtex },
    { id: 'gbt', title: 'GB/T 7714', text: gbt },
  ]
  return (
    <div className="citation">
      {formats.map((format) => (
        <div key={format.id} className="citation__format">
          <div className="citation__head">
            <h3 id={`citation-${format.id}`}>{format.title}</h3>
            <CopyButton text={format.text} label={`${format.title}引用`} />
          </div>
          <pre aria-labelledby={`citation-${format.id}`} tabIndex={0} data-citation={format.id}>
            {format.text}
          </pre>
        </div>
      ))}
    </div>
  )
}
