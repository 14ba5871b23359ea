import { ensureFreshBuild, spawnNext, waitForExit } from '@/scripts/lib/next-cli'
import { prepareEnvironment } from '@/scripts/lib/runtime-env'
import { SmtpCatcher } from '@/tests/support/smtp-catcher'
import { createTestDatabase } from '@/tests/support/test-database'
import { mailPorts, serveMailbox } from './mailbox'
import { prepareE2eDatabase } from './prepare-database'
import { adminEmailForRegistration, e2eAuthSecret } from './users'

/**
 * The server Playwright tests run against: the production build, served by
 * `next start`, on a database created for this run (with the users of
 * e2e/support/users.ts) and dropped afterwards.
 */
const port = process.env.E2E_PORT ?? '3100'
const database = await createTestDatabase({ baseUrl: process.env.DATABASE_URL, label: 'e2e' })
// A real SMTP server for the site's mail; specs read what it received (e2e/support/mailbox.ts).
const catcher = new SmtpCatcher()
await catcher.start(mailPorts.smtp)
const mailbox = await serveMailbox(catcher, mailPorts.http)

const { childEnv } = prepareEnvironment({
  ...process.env,
  ...database.env,
  PORT: port,
  // The origin the browser uses: canonical URLs, feeds and sign-in redirects must match it.
  SITE_URL: `http://localhost:${port}`,
  AUTH_SECRET: e2eAuthSecret,
  ADMIN_EMAILS: adminEmailForRegistration,
  SMTP_URL: catcher.url,
})
await ensureFreshBuild(childEnv)
await prepareE2eDatabase(database.target)

const server = spawnNext(['start', '--port', port, '--hostname', 'localhost'], childEnv)
const stop = (signal: NodeJS.Signals) => () => server.kill(signal)
process.on('SIGINT', stop('SIGINT'))
process.on('SIGTERM', stop('SIGTERM'))
const code = await waitForExit(server)
mailbox.close()
await catcher.stop()
await database.dispose()
process.exit(code)
