'use client'

import { useEffect, useState } from 'react'
import type { RecentComment } from '@/lib/comments/types'

/**
 * The ten newest visible comments, fetched after the static page has loaded.
 * Any failure (database down, network) hides the block instead of breaking it.
 */
export function RecentComments() {
  const [comments, setComments] = useState<RecentComment[] | null>(null)
  useEffect(() => {
    const controller = new AbortController()
    fetch('/api/comments/recent', { signal: controller.signal, headers: { accept: 'application/json' } })
      .then((response) => (response.ok ? (response.json() as Promise<{ comments: RecentComment[] }>) : null))
      .then((data) => setComments(data?.comments ?? null))
      .catch(() => setComments(null))
    return () => controller.abort()
  }, [])
  if (!comments || comments.length === 0) return null
  return (
    <section className="side-block side-block--recent-comments" aria-labelledby="side-recent-comments">
      <h2 id="side-recent-comments">最近评论</h2>
      <ul>
        {comments.map((comment) => (
          <li key={comment.id}>
            <a href={comment.href}>
              {comment.authorName}：{comment.postTitle}
            </a>
            <span className="excerpt">{comment.excerpt}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
