import { expect } from '@playwright/test';
import { createUser, getUserById } from '../../lib/users/users';
import { addRelatedRows, remainingRows } from '../../tests/support/deletion-fixtures';
import { serverDb, signInAsAdmin, snapshot, test, uniqueTag } from '../support';

/**
 * The browser suite's main paths once more on PostgreSQL (playwright.postgres.config.ts): an
 * admin signs in, searches, edits a user and deletes another, following the progress to the end.
 */

const skipped = process.env.E2E_POSTGRES_SKIPPED;
test.skip(Boolean(skipped), `PostgreSQL is not available: ${skipped}`);

test('on PostgreSQL: sign in, search users, edit one, delete another and watch the deletion finish', async ({ page }) => {
  test.setTimeout(90_000);
  expect(serverDb().engine).toBe('postgres');
  const tag = uniqueTag('pg');
  const olga = await createUser({ email: `${tag}-olga@example.com`, firstName: 'Olga', lastName: tag });
  const ro = await createUser({ email: `${tag}-ro@example.com`, firstName: 'Ro', lastName: tag });
  // Rows in every table that points at users, for the deletion to remove step by step.
  await addRelatedRows(serverDb(), ro.id, 20);

  await signInAsAdmin(page);
  await page.getByLabel('Search').fill(tag);
  await expect(page).toHaveURL(new RegExp(`pattern=${tag}`));
  await expect(page.locator('table tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('users-range')).toHaveText('1–2 of 2');
  await snapshot(page, 'postgres-users-search');

  await page.getByRole('link', { name: `Olga ${tag}` }).click();
  await expect(page.getByRole('heading', { name: `Olga ${tag}` })).toBeVisible();
  await page.getByLabel('First name').fill('Olivia');
  await page.getByLabel('Time zone').fill('Europe/Paris');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Olivia ${tag}` })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Paris');
  expect((await getUserById(olga.id))?.firstName).toBe('Olivia');

  await page.goto(`/users?pattern=${tag}`);
  await page.getByRole('button', { name: `Actions for Ro ${tag}` }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByLabel(/to confirm/).fill(ro.email);
  await dialog.getByRole('button', { name: 'Delete user' }).click();

  const bar = page.getByRole('progressbar', { name: `Deleting Ro ${tag}` });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuenow', /^[1-7]$/);
  const partWay = Number(await bar.getAttribute('aria-valuenow'));
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(partWay);
  await expect(page.getByText(`Ro ${tag} was deleted.`)).toBeVisible({ timeout: 30_000 });
  await expect(bar).toHaveAttribute('aria-valuenow', (await bar.getAttribute('aria-valuemax')) ?? '');
  await snapshot(page, 'postgres-deletion-done');
  expect(await getUserById(ro.id)).toBeUndefined();
  expect(Object.values(await remainingRows(serverDb(), ro.id)).every((count) => count === 0)).toBe(true);

  await page.getByRole('link', { name: 'Back to users' }).click();
  await page.getByLabel('Search').fill(tag);
  await expect(page).toHaveURL(new RegExp(`pattern=${tag}`));
  await expect(page.locator('table tbody tr')).toHaveCount(1);
  await expect(page.getByRole('link', { name: `Olivia ${tag}` })).toBeVisible();
});
