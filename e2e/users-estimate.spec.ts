import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { openDatabaseTools } from '../db/tools';
import { formatCount } from '../lib/pages/format';
import { startServer, type RunningServer } from '../tests/support/server';
import { signIn, snapshot, test, TEST_ADMIN } from './support';

/**
 * An estimated total, as a person sees it: a server of its own with no time to count
 * (USER_COUNT_BUDGET_MS=0) over 3,000 generated users, so any count that goes in chunks stops
 * after the first and answers an estimate.
 */

let server: RunningServer;
let exact: number;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startServer({ env: { USER_COUNT_BUDGET_MS: '0' } });
  // The seed command, as db/seed.ts is a script (not importable here).
  execFileSync(process.execPath, ['--import', 'tsx', 'db/seed.ts', '--users', '3000'], { env: { ...process.env, DATABASE_URL: server.databaseUrl }, stdio: 'ignore' });
  const tools = openDatabaseTools(server.databaseUrl);
  try {
    // The users holding an "e", as the list tests each row (SQLite: the server's engine here).
    const [{ n }] = await tools.rows<{ n: number }>(
      sql`SELECT count(*) AS n FROM users WHERE instr(email_normalized, 'e') > 0 OR instr(username_normalized, 'e') > 0 OR instr(lower(first_name), 'e') > 0 OR instr(lower(last_name), 'e') > 0`,
    );
    exact = Number(n);
  } finally {
    await tools.close();
  }
});
test.afterAll(async () => {
  await server?.stop();
});

test('an estimated total reads "about N", and counting exactly replaces it without reloading the page', async ({ page }) => {
  await page.goto(`${server.url}/sign-in`);
  await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
  await expect(page).toHaveURL(/\/users$/);
  await page.goto(`${server.url}/users?pattern=e`);

  const range = page.getByTestId('users-range');
  await expect(range).toContainText(/of about [\d,]+/);
  const button = range.getByRole('button', { name: 'Count exactly' });
  await expect(button).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
  await snapshot(page, 'users-estimated-total');

  // By keyboard, as the button is in the tab order.
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(range).toHaveText(new RegExp(`of ${formatCount(exact)}\\b`));
  await expect(range).not.toContainText('about');
  await expect(page).toHaveURL(/\/users\?pattern=e$/);
  await snapshot(page, 'users-exact-total');
});
