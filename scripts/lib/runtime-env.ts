import { readOrCreateLocalSecret } from '@/lib/auth/local-secret'
import { EnvError, parseEnv, type Env } from '@/lib/env/schema'
import { log } from './log'

export interface RuntimeEnvironment {
  env: Env
  /** What Next.js child processes get: the caller's environment plus resolved defaults. */
  childEnv: NodeJS.ProcessEnv
}

/**
 * Validates the environment the way the server will, then fills in the two
 * values a zero-configuration install lacks: a local auth secret and the site URL
 * (also passed to next-auth as NEXTAUTH_URL).
 * Exits with the list of problems instead of a stack trace.
 */
export function prepareEnvironment(source: NodeJS.ProcessEnv = process.env): RuntimeEnvironment {
  let env = validateEnvironment(source)
  // next-auth reads NEXTAUTH_URL itself for its redirects and callback URLs.
  const childEnv: NodeJS.ProcessEnv = { ...source, SITE_URL: env.SITE_URL, NEXTAUTH_URL: env.SITE_URL }
  if (!env.AUTH_SECRET) {
    const local = readOrCreateLocalSecret(env.DATA_DIR)
    log.info(
      `${local.created ? 'Generated' : 'Using'} a local AUTH_SECRET in ${local.file}; set AUTH_SECRET to use your own.`,
    )
    env = { ...env, AUTH_SECRET: local.secret }
    childEnv.AUTH_SECRET = local.secret
  }
  return { env, childEnv }
}

/** Parses the environment like the server does; on problems, lists them and exits. */
export function validateEnvironment(source: NodeJS.ProcessEnv = process.env): Env {
  try {
    return parseEnv(source)
  } catch (error) {
    if (error instanceof EnvError) {
      log.error(error.message)
      process.exit(1)
    }
    throw error
  }
}
