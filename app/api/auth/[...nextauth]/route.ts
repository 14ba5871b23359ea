import NextAuth from 'next-auth'
import type { NextRequest } from 'next/server'
import { getAuthOptions } from '@/lib/auth/auth-options'

type Context = { params: Promise<{ nextauth: string[] }> }

async function handler(request: NextRequest, context: Context): Promise<Response> {
  return NextAuth(request, context, getAuthOptions())
}

export { handler as GET, handler as POST }
