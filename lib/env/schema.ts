import { z } from 'zod'

/**
 * The one description of every environment variable the site reads.
 * `.env.example` documents the same list; `parseEnv` is the only place that
 * turns `process.env` into typed values.
 */

// An empty value in a .env file means "not set", not "set to the empty string".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional())

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), {
    message: 'must be a postgres:// or postgresql:// URL',
  })

const commaList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  )

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Unset: embedded PGlite. `postgres://…`: a real PostgreSQL server. */
  DATABASE_URL: optional(postgresUrl),
  /** Where local state lives: the PGlite database and the generated auth secret. */
  DATA_DIR: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('.data')),
  /** PGlite's data directory; defaults to `<DATA_DIR>/pglite`. `memory://` keeps it in memory. */
  PGLITE_DIR: optional(z.string()),
  PORT: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : Number(v)),
    z.number().int().min(1).max(65535).default(3000),
  ),
  /** Public origin of the site, used for canonical URLs, feeds and sign-in callbacks. */
  SITE_URL: optional(z.url({ protocol: /^https?$/ })),
  /** Signs session tokens. Generated under DATA_DIR when unset (never in production with PostgreSQL). */
  AUTH_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  /** Comma-separated emails promoted to admin when they register. */
  ADMIN_EMAILS: optional(commaList),
  AUTH_GITHUB_ID: optional(z.string()),
  AUTH_GITHUB_SECRET: optional(z.string()),
  /**
   * Outgoing mail server, e.g. `smtps://user:pass@smtp.example.com:465` or
   * `smtp://user:pass@host:587` (STARTTLS). Unset: messages are written as .eml
   * files under `<DATA_DIR>/outbox/` instead of being sent.
   */
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })),
  /** Sender of every message, `address` or `Name <address>`. Default: 格物志 <noreply@SITE_URL's host>. */
  MAIL_FROM: optional(
    z.string().refine((value) => /^[^\r\n<>]*<[^\s<>@]+@[^\s<>@]+>$|^[^\s<>@]+@[^\s<>@]+$/.test(value.trim()), {
      message: 'must be an address (noreply@example.com) or a name and an address (格物志 <noreply@example.com>)',
    }),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  ),
})

type RawEnv = z.infer<typeof envSchema>

export type Env = Omit<RawEnv, 'SITE_URL' | 'ADMIN_EMAILS' | 'PGLITE_DIR' | 'MAIL_FROM'> & {
  SITE_URL: string
  MAIL_FROM: string
  ADMIN_EMAILS: string[]
  PGLITE_DIR: string
  /** True when running as a real deployment: production build against PostgreSQL. */
  isProductionDeployment: boolean
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'EnvError'
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source)
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`),
    )
  }
  const raw = result.data
  const isProductionDeployment = raw.NODE_ENV === 'production' && raw.DATABASE_URL !== undefined
  if (isProductionDeployment) {
    // A generated secret or a localhost URL would silently break sessions and links
    // once a second instance or a real domain is involved.
    const missing = (['AUTH_SECRET', 'SITE_URL'] as const).filter((key) => !raw[key])
    if (missing.length > 0) {
      throw new EnvError(
        missing.map(
          (key) => `${key}: required in production with DATABASE_URL (see .env.example)`,
        ),
      )
    }
  }
  const siteUrl = (raw.SITE_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, '')
  return {
    ...raw,
    SITE_URL: siteUrl,
    MAIL_FROM: raw.MAIL_FROM?.trim() ?? `格物志 <noreply@${new URL(siteUrl).hostname}>`,
    ADMIN_EMAILS: raw.ADMIN_EMAILS ?? [],
    PGLITE_DIR: raw.PGLITE_DIR ?? `${raw.DATA_DIR}/pglite`,
    isProductionDeployment,
  }
}
