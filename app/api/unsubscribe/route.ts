import { unsubscribeWithToken } from '@/lib/mail/notifications'

export const dynamic = 'force-dynamic'

const topicLabels = { replies: '回复通知', feedback: '留言通知' } as const

/**
 * POST /api/unsubscribe?token=<signed token>: turns one notification switch
 * off. Mail clients call it from the List-Unsubscribe header (RFC 8058: the
 * body is "List-Unsubscribe=One-Click", no page, no session); the button on
 * /unsubscribe posts here too and comes back to the page. A GET changes
 * nothing, since link scanners fetch every URL in a mail.
 */
export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const form = await request.formData().catch(() => null)
  const fromPage = form?.get('from') === 'page'
  const outcome = await unsubscribeWithToken(token)
  if (fromPage) {
    const done = outcome.ok ? `done=${outcome.topic}` : 'done=invalid'
    return new Response(null, { status: 303, headers: { Location: `/unsubscribe?${done}` } })
  }
  if (!outcome.ok) return new Response('退订链接无效', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  return new Response(`已退订${topicLabels[outcome.topic]}`, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}
