import { defineConfig } from 'drizzle-kit'

// Only generation is configured here; migrations are applied by db/migrate.ts,
// which knows how to reach both PGlite and PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
})
