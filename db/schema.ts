import { relations, sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core'

/**
 * Every table of the site, with its indexes and row types. Migrations in
 * db/migrations are generated from this file by `npm run db:generate`.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

// ─── Members ────────────────────────────────────────────────────────────────

export const userRole = pgEnum('user_role', ['member', 'editor', 'admin'])
export type UserRole = (typeof userRole.enumValues)[number]

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    /**
     * Set when the address was proven: a verification link mailed to it was
     * opened, a password reset through it succeeded, or GitHub vouched for it.
     * Commenting, ADMIN_EMAILS promotion and GitHub linking need it.
     */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    name: text('name').notNull(),
    /** Argon2id PHC string; null for members who only sign in through OAuth. */
    passwordHash: text('password_hash'),
    role: userRole('role').notNull().default('member'),
    /** A disabled member can neither sign in nor post. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** Bumped to invalidate every session issued before (password change, disable). */
    sessionVersion: integer('session_version').notNull().default(0),
    /** Mail me when someone replies to my comment (switch on /account, or the unsubscribe link). */
    notifyReplies: boolean('notify_replies').notNull().default(true),
    /** Editors and admins who opted in get a mail for each new feedback message. */
    notifyFeedback: boolean('notify_feedback').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Emails are compared case-insensitively; the unique index enforces it.
    uniqueIndex('users_email_lower_idx').on(sql`lower(${table.email})`),
    index('users_created_at_idx').on(table.createdAt),
  ],
)
export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert

/** External sign-in identities (GitHub) linked to a member. */
export const oauthAccounts = pgTable(
  'oauth_accounts',
  {
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.provider, table.providerAccountId] }),
    index('oauth_accounts_user_idx').on(table.userId),
  ],
)
export type OauthAccount = typeof oauthAccounts.$inferSelect

/**
 * Single-use links mailed to a member: proving an address (registration, an
 * email change) or resetting the password. Only the SHA-256 of the token is
 * stored, so reading this table does not give anyone a working link.
 */
export const emailTokenPurpose = pgEnum('email_token_purpose', ['verify-email', 'reset-password'])
export type EmailTokenPurpose = (typeof emailTokenPurpose.enumValues)[number]

export const emailTokens = pgTable(
  'email_tokens',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: emailTokenPurpose('purpose').notNull(),
    /** Hex SHA-256 of the token in the link. */
    tokenHash: text('token_hash').notNull(),
    /** The address the link went to: for an email change, the new one, which takes effect when proven. */
    email: text('email').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('email_tokens_hash_idx').on(table.tokenHash),
    index('email_tokens_user_idx').on(table.userId, table.purpose),
  ],
)
export type EmailToken = typeof emailTokens.$inferSelect

// ─── Outgoing mail ──────────────────────────────────────────────────────────

export const mailKind = pgEnum('mail_kind', ['verify-email', 'reset-password', 'reply', 'feedback'])
export type MailKind = (typeof mailKind.enumValues)[number]

/** pending → sent; or, after the last retry or a permanent refusal, failed; cancelled when the recipient no longer qualifies. */
export const mailStatus = pgEnum('mail_status', ['pending', 'sent', 'failed', 'cancelled'])
export type MailStatus = (typeof mailStatus.enumValues)[number]

/**
 * The outbox: every message is a row written in the same transaction as the
 * change that causes it (a registration, a reply), then sent by the delivery
 * loop (lib/mail/delivery.ts) of whichever instance claims it first. The body
 * is encrypted with a key derived from AUTH_SECRET because it may carry a
 * single-use link, and it is erased once sent.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: mailKind('kind').notNull(),
    /** The member it is for; null once their account is deleted, which cancels what is still pending. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    /** Sealed JSON of the text and HTML parts and extra headers; null once sent. */
    payload: text('payload'),
    /** Groups notifications for "at most one per thread per hour", e.g. `reply:<user>:<thread>`. */
    groupKey: text('group_key'),
    status: mailStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When the next attempt may start; a claimed message is pushed forward by the claim's lease. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    index('mail_outbox_due_idx').on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`),
    index('mail_outbox_group_idx').on(table.groupKey, table.createdAt),
    index('mail_outbox_created_idx').on(table.createdAt),
  ],
)
export type OutboxMessage = typeof mailOutbox.$inferSelect
export type NewOutboxMessage = typeof mailOutbox.$inferInsert

// ─── Abuse limits ───────────────────────────────────────────────────────────

/**
 * One row per counted event (failed sign-in, registration, comment, feedback),
 * keyed by what is limited, e.g. `signin-fail:ip:203.0.113.9`. Kept in the
 * database so every instance sees the same counts.
 */
export const rateLimitEvents = pgTable(
  'rate_limit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('rate_limit_events_key_time_idx').on(table.key, table.occurredAt)],
)
export type RateLimitEvent = typeof rateLimitEvents.$inferSelect

// ─── Comments ───────────────────────────────────────────────────────────────

export const comments = pgTable(
  'comments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Article slug (`content/posts/<slug>.mdx`); articles live in files, not rows. */
    postSlug: text('post_slug').notNull(),
    parentId: bigint('parent_id', { mode: 'number' }).references((): AnyPgColumn => comments.id, {
      onDelete: 'cascade',
    }),
    /** Top-level comment of the thread (itself for a top-level comment once inserted). */
    threadId: bigint('thread_id', { mode: 'number' }).references((): AnyPgColumn => comments.id, {
      onDelete: 'cascade',
    }),
    /** 0 for top level; replies nest to 2 and deeper replies stay at 2. */
    depth: smallint('depth').notNull().default(0),
    /** Whom a reply deeper than the nesting limit answers ("回复 @name"). */
    replyToUserId: uuid('reply_to_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Null once the author deleted their account: shown as "已注销用户". */
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** What the member typed, byte for byte. */
    body: text('body').notNull(),
    /** Sanitized HTML rendered from `body` when it was written. */
    bodyHtml: text('body_html').notNull(),
    /** Plain text of `body` (formulas as `$TeX$`), rendered with it: excerpts never parse HTML. */
    bodyText: text('body_text').notNull().default(''),
    /** One per form render, so a double click or a retried request stores one comment. */
    idempotencyKey: text('idempotency_key'),
    createdAt: createdAt(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    /** Deleted by its author or a moderator: the thread keeps a "该评论已删除" placeholder. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** Hidden by a moderator: invisible to everyone but editors and admins. */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenById: uuid('hidden_by_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [
    index('comments_post_top_level_idx')
      .on(table.postSlug, table.createdAt)
      .where(sql`${table.parentId} is null`),
    index('comments_thread_idx').on(table.threadId, table.createdAt),
    index('comments_author_idx').on(table.authorId, table.createdAt),
    index('comments_created_at_idx').on(table.createdAt),
    uniqueIndex('comments_idempotency_idx').on(table.authorId, table.idempotencyKey),
  ],
)
export type Comment = typeof comments.$inferSelect
export type NewComment = typeof comments.$inferInsert

// ─── Feedback (留言) ────────────────────────────────────────────────────────

export const feedbackStatus = pgEnum('feedback_status', ['new', 'read', 'archived'])
export type FeedbackStatus = (typeof feedbackStatus.enumValues)[number]

export const feedbackMessages = pgTable(
  'feedback_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    email: text('email'),
    body: text('body').notNull(),
    /** The member who sent it, when signed in. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    status: feedbackStatus('status').notNull().default('new'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (table) => [
    index('feedback_status_created_idx').on(table.status, table.createdAt),
    index('feedback_created_idx').on(table.createdAt),
  ],
)
export type FeedbackMessage = typeof feedbackMessages.$inferSelect
export type NewFeedbackMessage = typeof feedbackMessages.$inferInsert

// ─── Audit ──────────────────────────────────────────────────────────────────

/** Every moderation and administration action: who, what, when, on what. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** The actor's name and email at the time, kept when the account is gone. */
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (table) => [index('audit_log_created_idx').on(table.createdAt)],
)
export type AuditEntry = typeof auditLog.$inferSelect
export type NewAuditEntry = typeof auditLog.$inferInsert

// ─── Relations ──────────────────────────────────────────────────────────────

export const usersRelations = relations(users, ({ many }) => ({
  oauthAccounts: many(oauthAccounts),
  comments: many(comments, { relationName: 'author' }),
}))

export const oauthAccountsRelations = relations(oauthAccounts, ({ one }) => ({
  user: one(users, { fields: [oauthAccounts.userId], references: [users.id] }),
}))

export const commentsRelations = relations(comments, ({ one }) => ({
  author: one(users, { fields: [comments.authorId], references: [users.id], relationName: 'author' }),
  replyToUser: one(users, { fields: [comments.replyToUserId], references: [users.id] }),
  parent: one(comments, { fields: [comments.parentId], references: [comments.id] }),
}))

export const feedbackMessagesRelations = relations(feedbackMessages, ({ one }) => ({
  user: one(users, { fields: [feedbackMessages.userId], references: [users.id] }),
}))
