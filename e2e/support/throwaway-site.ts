import { execFileSync } from 'node:child_process'
import postgres from 'postgres'
import { ThrowawayPostgres } from '@/tests/support/throwaway-postgres'
import { startAppServer, type AppServer } from './app-server'

export interface ThrowawaySite {
  /** The cluster, for tests that stop and start it under the running site. */
  pg: ThrowawayPostgres
  app: AppServer
  dispose: () => Promise<void>
}

/**
 * The production build served by `next start` on a PostgreSQL cluster of the
 * test's own (initdb into a temporary folder), migrated and seeded with the
 * e2e users, so a test may stop the database without touching the machine's.
 * `offset` keeps the ports of specs apart: cluster at E2E_PORT + 40,000 + offset,
 * site at E2E_PORT + 20 + offset.
 */
export async function startThrowawaySite(offset: number): Promise<ThrowawaySite> {
  const base = Number(process.env.E2E_PORT ?? 3100)
  const pgPort = base + 40_000 + offset > 65_000 ? 55_432 + offset : base + 40_000 + offset
  const pg = new ThrowawayPostgres(pgPort)
  await pg.start()
  const admin = postgres(pg.url, { max: 1, onnotice: () => {} })
  await admin.unsafe('create database blog')
  await admin.end()
  const url = pg.url.replace(/\/postgres$/, '/blog')
  // Seeding needs the server-only database modules: run it in a process that may load them.
  execFileSync(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'e2e/support/prepare-database.ts', url], { stdio: 'inherit' })
  const app = await startAppServer(base + 20 + offset, { DATABASE_URL: url })
  return {
    pg,
    app,
    dispose: async () => {
      await app.stop()
      await pg.destroy()
    },
  }
}
