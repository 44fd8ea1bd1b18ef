import { defineConfig, devices } from '@playwright/test';

// Set by scripts/e2e.ts when a system Chromium is used instead of Playwright's own.
const executablePath = process.env.CHROMIUM_PATH || undefined;

export default defineConfig({
  testDir: 'e2e',
  // The smoke on PostgreSQL runs with its own server: playwright.postgres.config.ts.
  testIgnore: ['postgres/**'],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A committed test.only would silently skip the rest: fail the run instead, locally as in CI.
  forbidOnly: true,
  reporter: [['list']],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: process.env.E2E_BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          // Without the networking flags Chromium keeps calling hosts this network refuses.
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
  ],
});
