import 'server-only'
import { count, desc, ilike, or } from 'drizzle-orm'
import { db } from '@/db'
import { users, type User } from '@/db/schema'
import { ADMIN_PAGE_SIZE, containsPattern, offsetOf, pageOf, pageParam, textParam, type Page, type QueryParams } from './listing'

/** The members list for admins: newest first, searchable by name or email. */

export interface MemberQuery {
  text: string
  page: number
}

export function parseMemberQuery(params: QueryParams): MemberQuery {
  return { text: textParam(params), page: pageParam(params) }
}

export type MemberListItem = Pick<User, 'id' | 'name' | 'email' | 'role' | 'disabledAt' | 'createdAt'>

export async function listMembers(query: MemberQuery): Promise<Page<MemberListItem>> {
  const pattern = containsPattern(query.text)
  const where = query.text ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        disabledAt: users.disabledAt,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(where)
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(ADMIN_PAGE_SIZE)
      .offset(offsetOf(query.page)),
    db.select({ value: count() }).from(users).where(where),
  ])
  return pageOf(items, total?.value ?? 0, query.page)
}
