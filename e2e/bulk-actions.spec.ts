import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { count, eq } from 'drizzle-orm';
import { newId } from '../db/ids';
import { users, userScopes } from '../db/schema';
import { serverDb, signInAsAdmin, test, toasts, uniqueTag } from './support';

/** Users straight into the server's database (a few hundred through the pages would take minutes), named "<n> <tag>". */
async function insertUsers(tag: string, n: number): Promise<void> {
  const rows = Array.from({ length: n }, (_, i) => {
    const email = `${tag}-${i}@example.com`;
    return { id: newId('usr'), email, emailNormalized: email, username: email, usernameNormalized: email, firstName: `N${i}`, lastName: tag };
  });
  await serverDb().write(async (tx) => {
    await tx.insert(users).values(rows);
    await tx.insert(userScopes).values(rows.map((row) => ({ userId: row.id, scope: 'user' })));
  });
}

async function statusesOf(tag: string): Promise<Record<string, number>> {
  const rows = await serverDb().db.select({ status: users.status, n: count() }).from(users).where(eq(users.lastName, tag)).groupBy(users.status);
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

const MATCHING = 75;

test.beforeEach(async ({ page }) => {
  await signInAsAdmin(page);
});

test('selects every user matching a search, not only the page, and suspends them all in the background', async ({ page }) => {
  const tag = uniqueTag('bulkall');
  await insertUsers(tag, MATCHING);
  await page.goto(`/users?pattern=${tag}`);
  const main = page.locator('#main');
  await expect(main.getByTestId('users-range')).toHaveText(`1–30 of ${MATCHING}`);

  await main.getByRole('checkbox', { name: 'Select all users on this page' }).check();
  const selection = main.getByRole('region', { name: 'Selected users' });
  await expect(selection).toContainText('30 selected');
  await expect(main.getByText('All 30 users on this page are selected.')).toBeVisible();
  await main.getByRole('button', { name: `Select all ${MATCHING} matching` }).click();
  await expect(selection).toContainText(`All ${MATCHING} users matching selected`);
  await expect(main.getByText(`All ${MATCHING} users matching this search are selected.`)).toBeVisible();
  expect(await seriousViolations(page, '#main')).toEqual([]);
  await page.screenshot({ path: '/tmp/shots-bulk/users-all-matching-1280.png', fullPage: true });

  await selection.getByRole('button', { name: 'Suspend all…' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Suspend ${MATCHING} users?` });
  await expect(dialog).toBeVisible();
  expect(await seriousViolations(page, '[role=alertdialog]')).toEqual([]);
  await page.screenshot({ path: '/tmp/shots-bulk/bulk-suspend-dialog-1280.png' });
  await dialog.getByRole('button', { name: `Suspend ${MATCHING} users` }).click();

  const progress = main.getByRole('region', { name: 'Bulk action' });
  await expect(progress.getByRole('progressbar', { name: `Suspending ${MATCHING} users` })).toBeVisible();
  await expect(toasts(page).filter({ hasText: `Suspended ${MATCHING} users.` })).toBeVisible({ timeout: 30_000 });
  await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(MATCHING));
  await page.screenshot({ path: '/tmp/shots-bulk/bulk-done-1280.png', fullPage: true });
  // The list is read again: this page's rows (and every other page's) are suspended.
  await expect(main.locator('table tbody tr').filter({ hasText: 'active' })).toHaveCount(0);
  await expect(main.locator('table tbody tr').filter({ hasText: 'suspended' })).toHaveCount(30);
  expect(await statusesOf(tag)).toEqual({ suspended: MATCHING });

  // The toast's link opens the report.
  await toasts(page).getByRole('link', { name: 'Show the report' }).click();
  await expect(page).toHaveURL(/\/users\/bulk\/blk_/);
  await expect(page.locator('#main').getByText('No user was refused.')).toBeVisible();
  expect(await seriousViolations(page, '#main')).toEqual([]);
  await page.screenshot({ path: '/tmp/shots-bulk/bulk-report-1280.png', fullPage: true });
});

test('adds a scope to the selected rows of a page, and reports who was refused on a narrow screen', async ({ page }) => {
  const tag = uniqueTag('bulkscope');
  await insertUsers(tag, 3);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/users?pattern=${tag}`);
  const main = page.locator('#main');
  await main.getByRole('checkbox', { name: 'Select all users on this page' }).check();
  await main.getByRole('region', { name: 'Selected users' }).getByRole('button', { name: 'Add scope…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add scope for 3 users' });
  await dialog.getByLabel('Scope').fill(`${tag}-tester`);
  expect(await seriousViolations(page, '[role=dialog]')).toEqual([]);
  await page.screenshot({ path: '/tmp/shots-bulk/bulk-scope-dialog-390.png' });
  await dialog.getByRole('button', { name: 'Add scope: 3 users' }).click();
  await expect(toasts(page).filter({ hasText: 'Added the scope to 3 users.' })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: '/tmp/shots-bulk/bulk-done-390.png', fullPage: true });
  const holders = await serverDb().count(serverDb().db.select({ n: count() }).from(userScopes).where(eq(userScopes.scope, `${tag}-tester`)).getSQL());
  expect(holders).toBe(3);
});
