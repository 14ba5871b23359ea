import { checkDatabase } from '@/lib/health/check-database'

export const dynamic = 'force-dynamic'

export async function GET() {
  const db = await checkDatabase()
  return Response.json(
    { status: db === 'ok' ? 'ok' : 'degraded', db },
    { status: db === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  )
}
