import type { Metadata } from 'next'
import Link from 'next/link'
import { Pagination } from '@/app/_components/lists/pagination'
import { commentedPostSlugs, listCommentsForModeration, memberName, parseCommentQueueQuery, type CommentQueueQuery, type QueuedComment } from '@/lib/admin/comment-queue'
import { formatAdminDateTime } from '@/lib/admin/dates'
import { queryString } from '@/lib/admin/listing'
import { requirePermission } from '@/lib/auth/current-user'
import { DELETED_MEMBER_LABEL } from '@/lib/auth/display-name'
import { getPostMetas } from '@/lib/content/posts.server'
import { paths } from '@/lib/site/urls'
import { ActionButton } from '../_components/action-button'
import { ConfirmAction } from '../_components/confirm-action'
import { deleteCommentAction, setCommentHiddenAction } from './actions'

export const metadata: Metadata = { title: '评论' }

function queueHref(query: Omit<CommentQueueQuery, 'page'>, page = 1): string {
  return `/admin/comments${queryString({ post: query.post, author: query.authorId, member: query.member, page })}`
}

export default async function CommentModerationPage({ searchParams }: PageProps<'/admin/comments'>) {
  await requirePermission('admin.comments')
  const query = parseCommentQueueQuery(await searchParams)
  const [queue, slugs, authorName] = await Promise.all([
    listCommentsForModeration(query),
    commentedPostSlugs(),
    query.authorId ? memberName(query.authorId) : null,
  ])
  const titles = new Map(getPostMetas().map((post) => [post.slug, post.title]))
  // An article may have been removed since it was commented on: its slug stands in for the title.
  const titleOf = (slug: string) => titles.get(slug) ?? slug
  return (
    <>
      <h1>评论</h1>
      <form role="search" method="get" action="/admin/comments" className="admin-search">
        {query.authorId ? <input type="hidden" name="author" value={query.authorId} /> : null}
        <label htmlFor="comments-post">文章</label>
        <select id="comments-post" name="post" defaultValue={query.post}>
          <option value="">全部文章</option>
          {slugs.map((slug) => (
            <option key={slug} value={slug}>
              {titleOf(slug)}
            </option>
          ))}
        </select>
        <label htmlFor="comments-member">成员</label>
        <input id="comments-member" name="member" type="search" defaultValue={query.member} placeholder="名称或邮箱" />
        <button type="submit" className="admin-button">
          筛选
        </button>
        {query.post || query.member || query.authorId ? <Link href="/admin/comments">清除筛选</Link> : null}
      </form>
      {query.authorId ? (
        <p>
          只显示 <span className="admin-text">{authorName ?? DELETED_MEMBER_LABEL}</span> 的评论。
          <Link href={queueHref({ ...query, authorId: '' })}>显示所有成员</Link>
        </p>
      ) : null}
      <p className="muted">共 {queue.total} 条评论，最新的在前。</p>
      {queue.items.length === 0 ? (
        <p className="admin-empty">没有符合条件的评论。</p>
      ) : (
        <ol className="admin-cards">
          {queue.items.map((comment) => (
            <QueuedCommentCard
              key={comment.id}
              comment={comment}
              postTitle={titleOf(comment.postSlug)}
              postExists={titles.has(comment.postSlug)}
              query={query}
            />
          ))}
        </ol>
      )}
      <Pagination current={queue.page} total={queue.pageCount} href={(page) => queueHref(query, page)} />
    </>
  )
}

interface QueuedCommentCardProps {
  comment: QueuedComment
  postTitle: string
  postExists: boolean
  query: CommentQueueQuery
}

function QueuedCommentCard({ comment, postTitle, postExists, query }: QueuedCommentCardProps) {
  const author = comment.authorName ?? DELETED_MEMBER_LABEL
  const target = `${author} 在《${postTitle}》的评论`
  const headingId = `comment-${comment.id}-heading`
  return (
    <li>
      <article className="admin-card" aria-labelledby={headingId}>
        <h2 id={headingId} className="admin-card__title">
          <span className="admin-text">{author}</span> 评论《
          {postExists ? <Link href={`${paths.article(comment.postSlug)}#comment-${comment.id}`}>{postTitle}</Link> : postTitle}》
        </h2>
        <p className="admin-card__meta">
          <time dateTime={comment.createdAt.toISOString()}>{formatAdminDateTime(comment.createdAt)}</time>
          {comment.editedAt ? '，已编辑' : ''}
          {comment.deletedAt ? <span className="admin-tag admin-tag--danger">已删除</span> : null}
          {comment.hiddenAt ? (
            <span className="admin-tag">已隐藏{comment.hiddenByName ? `（${comment.hiddenByName}）` : ''}</span>
          ) : null}
          {comment.authorId && comment.authorId !== query.authorId ? (
            <Link href={queueHref({ post: '', member: '', authorId: comment.authorId })} aria-label={`只看此成员的评论：${author}`}>
              只看此成员的评论
            </Link>
          ) : null}
          {comment.postSlug !== query.post ? (
            <Link href={queueHref({ post: comment.postSlug, member: '', authorId: '' })} aria-label={`只看此文章的评论：${postTitle}`}>
              只看此文章的评论
            </Link>
          ) : null}
        </p>
        {/* Shown as text: moderators judge what was typed, and no markup in it can act. */}
        {comment.body === null ? <p className="muted">（评论已删除，内容不再显示）</p> : <div className="admin-text admin-message-body" tabIndex={0} role="region" aria-label={`评论 ${comment.id} 的内容`}>{comment.body}</div>}
        {comment.deletedAt ? null : (
          <div className="admin-row-actions">
            <ActionButton
              action={setCommentHiddenAction}
              fields={{ id: String(comment.id), hidden: comment.hiddenAt ? 'false' : 'true' }}
              label={comment.hiddenAt ? '取消隐藏' : '隐藏'}
              target={target}
            />
            <ConfirmAction
              action={deleteCommentAction}
              fields={{ id: String(comment.id) }}
              label="删除"
              target={target}
              consequence="评论会从文章中删除，讨论中只留下“该评论已删除”。"
            />
          </div>
        )}
      </article>
    </li>
  )
}
