import type { Metadata } from 'next'
import Link from 'next/link'
import { Pagination } from '@/app/_components/lists/pagination'
import { formatAdminDateTime } from '@/lib/admin/dates'
import {
  countFeedbackByStatus,
  countInView,
  inboxViewLabels,
  inboxViews,
  listFeedback,
  parseInboxQuery,
  type InboxItem,
  type InboxQuery,
} from '@/lib/admin/feedback-inbox'
import { queryString } from '@/lib/admin/listing'
import { requirePermission } from '@/lib/auth/current-user'
import { firstParam } from '@/lib/request/search-params'
import { FeedbackStatusActions, feedbackStatusLabels } from './feedback-actions'

export const metadata: Metadata = { title: '留言' }

function inboxHref(query: Pick<InboxQuery, 'view' | 'text'>, page = 1): string {
  return `/admin/feedback${queryString({ view: query.view === 'inbox' ? undefined : query.view, q: query.text, page })}`
}

export default async function FeedbackInboxPage({ searchParams }: PageProps<'/admin/feedback'>) {
  await requirePermission('admin.feedback')
  const params = await searchParams
  const query = parseInboxQuery(params)
  const [messages, counts] = await Promise.all([listFeedback(query), countFeedbackByStatus()])
  return (
    <>
      <h1>留言</h1>
      {firstParam(params.deleted) ? (
        <p className="form-success" role="status">
          留言已删除。
        </p>
      ) : null}
      <nav className="admin-tabs" aria-label="留言状态">
        <ul>
          {inboxViews.map((view) => (
            <li key={view}>
              <Link href={inboxHref({ view, text: query.text })} aria-current={view === query.view ? 'page' : undefined}>
                {inboxViewLabels[view]} ({countInView(counts, view)})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form role="search" method="get" action="/admin/feedback" className="admin-search">
        {query.view !== 'inbox' ? <input type="hidden" name="view" value={query.view} /> : null}
        <label htmlFor="feedback-search">搜索留言</label>
        <input id="feedback-search" name="q" type="search" defaultValue={query.text} placeholder="称呼、邮箱或内容" />
        <button type="submit" className="admin-button">
          搜索
        </button>
        {query.text ? <Link href={inboxHref({ view: query.view, text: '' })}>清除搜索</Link> : null}
      </form>
      <FeedbackTable messages={messages.items} caption={caption(query, messages.total)} />
      <Pagination current={messages.page} total={messages.pageCount} href={(page) => inboxHref(query, page)} />
    </>
  )
}

function caption(query: InboxQuery, total: number): string {
  const what = `${inboxViewLabels[query.view]}留言`
  return query.text ? `${what}中包含“${query.text}”的共 ${total} 条` : `${what}共 ${total} 条`
}

function FeedbackTable({ messages, caption }: { messages: InboxItem[]; caption: string }) {
  return (
    <div className="admin-table-wrap">
      <table className="admin-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">发送者</th>
            <th scope="col">内容</th>
            <th scope="col">收到于</th>
            <th scope="col">状态</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={message.id} className={message.status === 'new' ? 'is-new' : undefined}>
              <th scope="row" className="admin-sender">
                <span className="admin-text">{message.name}</span>
                {message.email ? <span className="admin-text muted">{message.email}</span> : null}
                {message.memberName !== null ? <span className="admin-tag">成员</span> : null}
              </th>
              <td>
                <p className="admin-text admin-excerpt">
                  {message.excerpt}
                  {message.truncated ? '…' : ''}
                </p>
              </td>
              <td>
                <time dateTime={message.createdAt.toISOString()}>{formatAdminDateTime(message.createdAt)}</time>
              </td>
              <td>{feedbackStatusLabels[message.status]}</td>
              <td>
                <div className="admin-row-actions">
                  <Link href={`/admin/feedback/${message.id}`} className="admin-button" aria-label={`查看：${message.name} 的留言`}>
                    查看
                  </Link>
                  <FeedbackStatusActions id={message.id} status={message.status} sender={message.name} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {messages.length === 0 ? <p className="admin-empty">没有符合条件的留言。</p> : null}
    </div>
  )
}
