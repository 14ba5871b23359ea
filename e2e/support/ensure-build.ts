import { ensureFreshBuild } from '@/scripts/lib/next-cli'
import { prepareEnvironment } from '@/scripts/lib/runtime-env'
import { e2eAuthSecret } from './users'

// The same build the main end-to-end run uses (same SITE_URL, so no rebuild),
// for suites that start servers of their own.
const port = process.env.E2E_PORT ?? '3100'
const { childEnv } = prepareEnvironment({
  ...process.env,
  SITE_URL: `http://localhost:${port}`,
  AUTH_SECRET: e2eAuthSecret,
  DATA_DIR: process.env.DATA_DIR ?? '.data',
})
await ensureFreshBuild(childEnv)
