// First: the application code below must run as in production (see the module).
import './lib/production-mode'
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { and, eq, sql } from 'drizzle-orm'
import postgres from 'postgres'
import { db, swapDatabaseHandle } from '@/db'
import { openDatabase, type DatabaseHandle } from '@/db/connection'
import { migrateDatabase } from '@/db/migrate'
import { comments, users } from '@/db/schema'
import { runValidatedAction, type ActionEnvironment } from '@/lib/actions/validated-action'
import type { CurrentUser } from '@/lib/auth/current-user'
import { createComment } from '@/lib/comments/actions'
import { listArticleComments, threadRepliesQuery, topLevelCommentsQuery } from '@/lib/comments/comment-listing'
import { renderCommentBody } from '@/lib/comments/render-comment'
import { getArticleMathContext, getPostMetas } from '@/lib/content/posts.server'
import { env } from '@/lib/env'
import { consumeRateLimit } from '@/lib/rate-limit/rate-limit'
import type { RateLimitRule } from '@/lib/rate-limit/rules'
import { median, printTable } from './lib/format'

/**
 * Comments on one article, on PGlite and (when it answers) PostgreSQL:
 * - the server time of the first comment page of an article with 1,000
 *   comments (300 threads): the same listing and JSON encoding
 *   GET /api/comments does, median of N, with EXPLAIN ANALYZE of its two
 *   queries to show which indexes they use;
 * - 100 comments posted at once by 10 members through the real action
 *   (permission, zod, rate limit counted in the database, render, insert):
 *   latency p50/p99, throughput, and a check that none was lost or stored
 *   twice (each post is then sent again with the same idempotency key).
 *
 * Figures, not assertions. `tsx --conditions=react-server bench/comments.ts [--quick]`,
 * or `runCommentsBench()` from bench/run.ts. PostgreSQL runs in a throwaway
 * database (bench_comments_<pid>) created beside BENCH_POSTGRES_URL's
 * (default postgres://postgres@127.0.0.1:5432/test) and dropped afterwards.
 */

export interface CommentsBenchOptions {
  /** Fewer repetitions, for a smoke run. */
  quick?: boolean
  /** Where PostgreSQL is; the bench creates and drops a database of its own beside it. Null skips PostgreSQL. */
  postgresUrl?: string | null
}

export interface EngineFigures {
  engine: 'PGlite' | 'PostgreSQL'
  /** The article's comments, and those of the rest of the site around it. */
  seed: { comments: number; topLevel: number; otherArticles: number; ms: number }
  firstPage: {
    runs: number
    medianMs: number
    p90Ms: number
    /** Comments on the page, replies included, and the JSON size. */
    comments: number
    jsonBytes: number
    plans: { topLevel: string[]; replies: string[] }
    indexesUsed: { topLevel: boolean; replies: boolean }
  }
  concurrentPosts: {
    posts: number
    members: number
    p50Ms: number
    p99Ms: number
    wallMs: number
    perSecond: number
    refused: number
    stored: number
    lost: number
    duplicated: number
    /** The same 100 forms sent again: all must be answered with their first comment. */
    repeatsAnsweredWithFirst: number
  }
}

export interface CommentsBenchResult {
  article: string
  /** The mode the application code ran in; figures from 'development' re-read the content on every post. */
  nodeEnv: string
  pglite: EngineFigures
  postgres: EngineFigures | { skipped: string }
}

const ARTICLE = 'attention-scale-entropy'
const THREADS = 300
const TOTAL = 1000
const MEMBERS = 10
const POSTS = 100
const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test'

const round = (value: number) => Number(value.toFixed(2))

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

const key = () => randomBytes(12).toString('hex')

/** Bodies like real comments: prose, inline and display math, a link, a reference to the article's equation. */
async function sampleBodies(): Promise<{ body: string; bodyHtml: string }[]> {
  const context = await getArticleMathContext(ARTICLE)
  if (!context) throw new Error(`bench article ${ARTICLE} not found in content/posts`)
  const sources = [
    '同意作者的推导。由 $\\eqref{eq:attn}$ 可知缩放因子应当随 $\\log n$ 增长。',
    '这里 $\\sqrt{d}$ 的来源是方差：\n\n$$\n\\operatorname{Var}(q\\cdot k) = \\sum_{i=1}^{d} \\operatorname{Var}(q_i k_i) = d\n$$\n\n所以除以 $\\sqrt d$ 使方差为一。',
    '请问 **长度外推** 时熵不变的假设在 [这篇论文](https://arxiv.org/abs/2202.12172) 里有实验吗？',
    '小问题：第三段的 $H = -\\sum_j p_j \\log p_j$ 少了一个负号吗？',
    '> 熵随长度对数增长\n\n这个结论和我的实验一致，`softmax` 之前乘以 $\\kappa \\log n$ 确实更稳。',
  ]
  return sources.map((body) => {
    const rendered = renderCommentBody(body, context)
    if (!rendered.ok) throw new Error(`bench comment refused: ${rendered.error}`)
    return { body, bodyHtml: rendered.html }
  })
}

/** 1,000 comments on one article: 300 threads, 400 replies at depth 1 and 300 at depth 2, a minute apart. */
async function seedArticle(authorIds: string[], samples: { body: string; bodyHtml: string }[]): Promise<{ ms: number }> {
  const started = performance.now()
  const at = (i: number) => sql`now() - (${(TOTAL - i) * 60}::integer * interval '1 second')`
  const pick = (i: number) => samples[i % samples.length]!
  const top = await db
    .insert(comments)
    .values(Array.from({ length: THREADS }, (_, i) => ({ postSlug: ARTICLE, authorId: authorIds[i % authorIds.length]!, ...pick(i), createdAt: at(i) })))
    .returning({ id: comments.id })
  await db.update(comments).set({ threadId: sql`${comments.id}` }).where(and(eq(comments.postSlug, ARTICLE), sql`${comments.parentId} is null`))
  const depth1Count = 400
  const depth1 = await db
    .insert(comments)
    .values(
      Array.from({ length: depth1Count }, (_, i) => {
        const thread = top[(i * 7) % THREADS]!.id
        return { postSlug: ARTICLE, parentId: thread, threadId: thread, depth: 1, authorId: authorIds[(i + 3) % authorIds.length]!, ...pick(i + 1), createdAt: at(THREADS + i) }
      }),
    )
    .returning({ id: comments.id, threadId: comments.threadId })
  await db.insert(comments).values(
    Array.from({ length: TOTAL - THREADS - depth1Count }, (_, i) => {
      const parent = depth1[(i * 3) % depth1Count]!
      return { postSlug: ARTICLE, parentId: parent.id, threadId: parent.threadId, depth: 2, authorId: authorIds[(i + 5) % authorIds.length]!, ...pick(i + 2), createdAt: at(THREADS + depth1Count + i) }
    }),
  )
  await db.execute(sql`analyze comments`)
  return { ms: round(performance.now() - started) }
}

/**
 * The rest of the site: 10,000 comments (3,000 threads) on the other articles,
 * so the planner faces a table where one article is a small part, as in
 * production, instead of one where a full scan is cheapest.
 */
async function seedOtherArticles(authorIds: string[]): Promise<number> {
  const slugs = getPostMetas()
    .map((post) => post.slug)
    .filter((slug) => slug !== ARTICLE)
  const threads = 3000
  const replies = 7000
  const batch = 1000
  const tops: { id: number; postSlug: string }[] = []
  for (let start = 0; start < threads; start += batch) {
    tops.push(
      ...(await db
        .insert(comments)
        .values(
          Array.from({ length: Math.min(batch, threads - start) }, (_, i) => {
            const n = start + i
            return { postSlug: slugs[n % slugs.length]!, authorId: authorIds[n % authorIds.length]!, body: `其他文章的评论 ${n}`, bodyHtml: `<p>其他文章的评论 ${n}</p>`, createdAt: sql`now() - (${(threads - n) * 120}::integer * interval '1 second')` }
          }),
        )
        .returning({ id: comments.id, postSlug: comments.postSlug })),
    )
  }
  await db.update(comments).set({ threadId: sql`${comments.id}` }).where(and(sql`${comments.postSlug} <> ${ARTICLE}`, sql`${comments.parentId} is null`))
  for (let start = 0; start < replies; start += batch) {
    await db.insert(comments).values(
      Array.from({ length: Math.min(batch, replies - start) }, (_, i) => {
        const n = start + i
        const thread = tops[(n * 13) % tops.length]!
        return { postSlug: thread.postSlug, parentId: thread.id, threadId: thread.id, depth: 1, authorId: authorIds[(n + 1) % authorIds.length]!, body: `回复 ${n}`, bodyHtml: `<p>回复 ${n}</p>`, createdAt: sql`now() - (${(replies - n) * 50}::integer * interval '1 second')` }
      }),
    )
  }
  return threads + replies
}

/** EXPLAIN ANALYZE lines of a query, whichever driver runs it. */
async function explain(query: Parameters<typeof sql>[1]): Promise<string[]> {
  const result = (await db.execute(sql`explain (analyze, costs off) ${query}`)) as unknown
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string>[]
  return rows.map((row) => row['QUERY PLAN'] ?? Object.values(row)[0] ?? '')
}

async function measureFirstPage(runs: number): Promise<EngineFigures['firstPage']> {
  // Warm up: the first call compiles nothing now, but the statement caches and the article metadata do fill.
  await listArticleComments(ARTICLE, { page: 1 }, null)
  const times: number[] = []
  let last = { comments: 0, jsonBytes: 0 }
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const page = await listArticleComments(ARTICLE, { page: 1 }, null)
    const json = JSON.stringify(page)
    times.push(performance.now() - started)
    const count = (views: typeof page.comments): number => views.reduce((sum, view) => sum + 1 + count(view.replies), 0)
    last = { comments: count(page.comments), jsonBytes: Buffer.byteLength(json) }
  }
  const first = await topLevelCommentsQuery(ARTICLE, 1, null)
  const plans = {
    topLevel: await explain(topLevelCommentsQuery(ARTICLE, 1, null)),
    replies: await explain(threadRepliesQuery(first.map((row) => row.id), null)),
  }
  return {
    runs,
    medianMs: round(median(times)),
    p90Ms: round(percentile(times, 90)),
    ...last,
    plans,
    indexesUsed: {
      topLevel: plans.topLevel.some((line) => line.includes('comments_post_top_level_idx')),
      replies: plans.replies.some((line) => line.includes('comments_thread_idx')),
    },
  }
}

/** Every rule allows 1,000 times as much (still counted in the database): the bench measures posting, not refusing. */
function relaxed(rule: RateLimitRule): RateLimitRule {
  return { name: rule.name, windows: rule.windows.map((window) => ({ limit: window.limit * 1000, seconds: window.seconds })) }
}

function requestAs(user: CurrentUser): ActionEnvironment {
  return { getCurrentUser: async () => user, getClientIp: async () => '198.18.0.1', consumeRateLimit: (rule, subject, repeatOf) => consumeRateLimit(relaxed(rule), subject, repeatOf) }
}

async function measureConcurrentPosts(members: CurrentUser[]): Promise<EngineFigures['concurrentPosts']> {
  const tag = randomBytes(4).toString('hex')
  const forms = Array.from({ length: POSTS }, (_, i) => ({ member: members[i % members.length]!, body: `并发评论 ${tag} #${i}：$x_${i % 10}^2$`, idempotencyKey: key() }))
  const send = (form: (typeof forms)[number]) => {
    const data = new FormData()
    data.set('post', ARTICLE)
    data.set('body', form.body)
    data.set('idempotencyKey', form.idempotencyKey)
    return runValidatedAction(createComment, createComment.handler, data, requestAs(form.member))
  }
  const latencies: number[] = []
  const started = performance.now()
  const results = await Promise.all(
    forms.map(async (form) => {
      const t0 = performance.now()
      const result = await send(form)
      latencies.push(performance.now() - t0)
      return result
    }),
  )
  const wallMs = performance.now() - started
  const firstIds = results.map((result) => (result.ok ? result.data.id : null))
  // The same forms again (a double click, a retried request): each must get its first comment back.
  const repeats = await Promise.all(forms.map(send))
  const repeatsAnsweredWithFirst = repeats.filter((result, i) => result.ok && result.data.id === firstIds[i]).length
  const stored = await db
    .select({ body: comments.body })
    .from(comments)
    .where(and(eq(comments.postSlug, ARTICLE), sql`${comments.body} like ${`并发评论 ${tag} #%`}`))
  const distinct = new Set(stored.map((row) => row.body)).size
  return {
    posts: POSTS,
    members: members.length,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    wallMs: round(wallMs),
    perSecond: round((POSTS / wallMs) * 1000),
    refused: results.filter((result) => !result.ok).length,
    stored: stored.length,
    lost: POSTS - distinct,
    duplicated: stored.length - distinct,
    repeatsAnsweredWithFirst,
  }
}

async function benchEngine(engine: EngineFigures['engine'], handle: DatabaseHandle, runs: number): Promise<EngineFigures> {
  const previous = swapDatabaseHandle(handle)
  try {
    await migrateDatabase(handle)
    const inserted = await db
      .insert(users)
      .values(Array.from({ length: MEMBERS }, (_, i) => ({ email: `bench-${i}-${key()}@example.test`, name: `读者${i + 1}`, emailVerifiedAt: new Date() })))
      .returning()
    const members: CurrentUser[] = inserted.map((user) => ({
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      actor: user.role,
      hasPassword: false,
      emailVerified: true,
      createdAt: user.createdAt,
    }))
    const authorIds = members.map((member) => member.id)
    const elsewhere = await seedOtherArticles(authorIds)
    const seed = await seedArticle(authorIds, await sampleBodies())
    return {
      engine,
      seed: { comments: TOTAL, topLevel: THREADS, otherArticles: elsewhere, ms: seed.ms },
      firstPage: await measureFirstPage(runs),
      concurrentPosts: await measureConcurrentPosts(members),
    }
  } finally {
    swapDatabaseHandle(previous)
  }
}

/** A database of the bench's own beside `baseUrl`, or why PostgreSQL is skipped. */
async function throwawayPostgres(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> } | { skipped: string }> {
  const name = `bench_comments_${process.pid}`
  const admin = postgres(baseUrl, { max: 1, connect_timeout: 3, onnotice: () => {} })
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
    await admin.unsafe(`create database "${name}"`)
  } catch (error) {
    await admin.end({ timeout: 1 }).catch(() => undefined)
    return { skipped: `PostgreSQL at ${new URL(baseUrl).host} not usable: ${error instanceof Error ? error.message : String(error)}` }
  }
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      try {
        await admin.unsafe(`drop database if exists "${name}" with (force)`)
      } finally {
        await admin.end({ timeout: 5 })
      }
    },
  }
}

export async function runCommentsBench(options: CommentsBenchOptions = {}): Promise<CommentsBenchResult> {
  const runs = options.quick ? 10 : 50
  const pgliteHandle = openDatabase({ kind: 'pglite', dataDir: 'memory://' })
  let pglite: EngineFigures
  try {
    pglite = await benchEngine('PGlite', pgliteHandle, runs)
  } finally {
    await pgliteHandle.close()
  }

  let postgresFigures: CommentsBenchResult['postgres'] = { skipped: 'no PostgreSQL URL given' }
  const baseUrl = options.postgresUrl === undefined ? DEFAULT_POSTGRES_URL : options.postgresUrl
  if (baseUrl) {
    const database = await throwawayPostgres(baseUrl)
    if ('skipped' in database) postgresFigures = database
    else {
      const handle = openDatabase({ kind: 'postgres', url: database.url }, { poolSize: 10 })
      try {
        postgresFigures = await benchEngine('PostgreSQL', handle, runs)
      } finally {
        await handle.close()
        await database.drop()
      }
    }
  }
  return { article: ARTICLE, nodeEnv: env.NODE_ENV, pglite, postgres: postgresFigures }
}

export function printCommentsBench(result: CommentsBenchResult): void {
  if (result.nodeEnv !== 'production') console.log(`\n  Note: ran with NODE_ENV=${result.nodeEnv}; the content layer re-reads articles on every post, so posting figures are pessimistic.`)
  const engines = [result.pglite, ...('skipped' in result.postgres ? [] : [result.postgres])]
  printTable(`Comments: first page of an article with ${TOTAL} comments (${THREADS} threads), GET /api/comments work`, [
    ['engine', 'median', 'p90', 'runs', 'comments on page', 'JSON', 'top-level index', 'replies index'],
    ...engines.map((e) => [
      e.engine,
      `${e.firstPage.medianMs} ms`,
      `${e.firstPage.p90Ms} ms`,
      e.firstPage.runs,
      e.firstPage.comments,
      `${(e.firstPage.jsonBytes / 1024).toFixed(1)} KB`,
      e.firstPage.indexesUsed.topLevel ? 'used' : 'NOT used',
      e.firstPage.indexesUsed.replies ? 'used' : 'NOT used',
    ]),
  ])
  printTable(`Comments: ${POSTS} posted at once by ${MEMBERS} members (action: permission, zod, limit, render, insert)`, [
    ['engine', 'p50', 'p99', 'wall', 'posts/s', 'refused', 'stored', 'lost', 'duplicated', 'repeats → first'],
    ...engines.map((e) => {
      const c = e.concurrentPosts
      return [e.engine, `${c.p50Ms} ms`, `${c.p99Ms} ms`, `${c.wallMs} ms`, c.perSecond, c.refused, c.stored, c.lost, c.duplicated, `${c.repeatsAnsweredWithFirst}/${c.posts}`]
    }),
  ])
  if (engines.length === 2) {
    const [lite, pg] = engines as [EngineFigures, EngineFigures]
    console.log(
      `\n  PGlite / PostgreSQL: first page ${round(lite.firstPage.medianMs / pg.firstPage.medianMs)}×, ` +
        `posting throughput ${round(lite.concurrentPosts.perSecond / pg.concurrentPosts.perSecond)}×`,
    )
  }
  // The scans of each plan (the whole plans are in the JSON result).
  const scans = (plan: string[]) => plan.filter((line) => /Scan|Execution Time/.test(line)).map((line) => line.trim())
  for (const e of engines) {
    console.log(`\n  EXPLAIN ANALYZE on ${e.engine} (${e.seed.otherArticles} comments on other articles around it):`)
    console.log(`    top-level comments of page 1:`)
    for (const line of scans(e.firstPage.plans.topLevel)) console.log(`      ${line}`)
    console.log(`    replies of those threads:`)
    for (const line of scans(e.firstPage.plans.replies)) console.log(`      ${line}`)
  }
  if ('skipped' in result.postgres) console.log(`\n  PostgreSQL skipped: ${result.postgres.skipped}`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.argv.find((arg) => arg.startsWith('--postgres='))?.split('=')[1]
  const result = await runCommentsBench({ quick: process.argv.includes('--quick'), postgresUrl: process.argv.includes('--no-postgres') ? null : url })
  printCommentsBench(result)
  console.log(`\n${JSON.stringify(result)}`)
  // PGlite and postgres.js are closed; anything left (timers of the content loader) must not keep the process alive.
  process.exit(0)
}
