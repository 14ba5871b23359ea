import { sql } from 'drizzle-orm'
import { pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

/**
 * Every table of the site, with its indexes and row types. Migrations in
 * db/migrations are generated from this file by `npm run db:generate`.
 */

export const userRole = pgEnum('user_role', ['member', 'editor', 'admin'])
export type UserRole = (typeof userRole.enumValues)[number]

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: userRole('role').notNull().default('member'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Emails are compared case-insensitively; the unique index enforces it.
    uniqueIndex('users_email_lower_idx').on(sql`lower(${table.email})`),
  ],
)
export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert
