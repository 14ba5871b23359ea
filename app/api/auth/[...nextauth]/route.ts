import NextAuth from 'next-auth'
import type { NextRequest } from 'next/server'
import { getAuthOptions } from '@/lib/auth/auth-options'
import { authRequestRefusal, withParseableCallbackQuery } from '@/lib/auth/auth-requests'

type Context = { params: Promise<{ nextauth: string[] }> }

async function handler(request: NextRequest, context: Context): Promise<Response> {
  const refusal = await authRequestRefusal(request, (await context.params).nextauth)
  return refusal ?? NextAuth(withParseableCallbackQuery(request), context, getAuthOptions())
}

export { handler as GET, handler as POST }
