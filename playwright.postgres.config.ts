import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/** The browser smoke on PostgreSQL (e2e/postgres): the browser suite's settings, its own server and database. */
export default defineConfig({
  ...base,
  testDir: 'e2e/postgres',
  testIgnore: [],
  globalSetup: './e2e/postgres/global-setup.ts',
});
