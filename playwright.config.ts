import { defineConfig, devices } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 3100)
const chromium = { ...devices['Desktop Chrome'], channel: undefined }
const ARTICLE_BODY_SPECS = ['**/article.spec.ts', '**/math-fidelity.spec.ts', '**/reader-tools.spec.ts', '**/screenshots.spec.ts']
const RESILIENCE = 'resilience/**'

export default defineConfig({
  testDir: './e2e',
  // Fault and load tests run separately: npm run test:resilience.
  testIgnore: [RESILIENCE],
  outputDir: './test-results',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  // PLAYWRIGHT_JSON_OUTPUT_NAME=report.json adds a JSON report, for scripts/e2e-durations.ts.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  // Timeouts come from measured durations, not guesses. Method: run the suite
  // with the JSON reporter on an idle 2-core machine, and again with two
  // CPU-bound processes beside it (`node -e 'for(;;){}'` twice), then
  // `npx tsx scripts/e2e-durations.ts idle.json loaded.json` lists each test's
  // duration against its timeout. Every limit is at least 3× the test's loaded
  // duration on the slowest machine measured so far, counting loaded as 2.5×
  // idle (measured there: 1,956 s of test time beside two busy loops against
  // 1,527 s idle, 1.3×): so at least 7.5× the idle duration. The
  // default below covers the many short tests (idle ≤ 16 s there); the few long
  // ones set their own (`test.setTimeout`, `describe.configure`) from the same
  // rule. Machines differ: the same suite ran 2.2× slower idle on one 2-core
  // machine than on another (scripts/e2e-durations.ts shows where it stands).
  // Assertions wait on conditions (expect's own retries), never a fixed sleep,
  // so a slow machine only makes a test slower, not red.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Browsers cannot be downloaded here: use the system Chromium.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
    },
  },
  projects: [
    // The prerendered article body: numbering, references, formula layout, the
    // reader's tools, print. The same bytes whatever the database, so CI's
    // second database pass (TEST_SCOPE=database, scripts/test.ts) leaves it out.
    { name: 'article-body', testMatch: ARTICLE_BODY_SPECS, use: chromium },
    // Everything else: pages, forms and APIs that read or write the database.
    { name: 'site', testIgnore: [...ARTICLE_BODY_SPECS, RESILIENCE], use: chromium },
  ],
  webServer: {
    // Builds when sources changed, then serves against a fresh database of its own.
    command: `npx tsx --conditions=react-server e2e/support/serve.ts`,
    url: `http://localhost:${port}/api/health`,
    timeout: 15 * 60_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E_PORT: String(port) },
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
})
