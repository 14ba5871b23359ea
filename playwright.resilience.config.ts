import { defineConfig, devices } from '@playwright/test'

/**
 * Fault and scale tests (`npm run test:resilience`): each spec starts its own
 * database and servers, stops them mid-flight, and watches the site recover.
 * Kept apart from `npm test` because they take minutes, not seconds.
 */
export default defineConfig({
  testDir: './e2e/resilience',
  outputDir: './test-results/resilience',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  timeout: 5 * 60_000,
  globalSetup: './e2e/resilience/global-setup.ts',
  use: {
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
})
