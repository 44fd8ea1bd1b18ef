import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Download, type Page } from '@playwright/test';
import { principalFor } from '../lib/auth/principal';
import { assignTenantMember, createTenant } from '../lib/tenants/tenants';
import { createUser, findUserBySignInName } from '../lib/users/users';
import { createMember, MEMBER_PASSWORD, signIn, signInAsAdmin, snapshot, test, TEST_ADMIN, uniqueTag } from './support';

/**
 * The import page as an admin uses it: upload a file with good and bad rows, read the dry
 * run's counts and messages, download its report, start the import, follow it to the end,
 * download the final report, and find the new users in the list.
 */

/** The saved file of a download, as text. */
async function downloadedText(download: Download): Promise<string> {
  return readFileSync((await download.path())!, 'utf8');
}

/** A CSV report's lines as cells; the reports quote no cell these tests write. */
function csvLines(text: string): string[][] {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','));
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.help}`);
}

test('an admin checks a file, reads the errors, imports the good rows and downloads both reports', async ({ page }) => {
  test.setTimeout(90_000);
  const tag = uniqueTag('imp');
  await createMember(`${tag}-taken@example.com`);
  const file = [
    'email,firstName,lastName,password,nickname',
    `${tag}-ann@example.com,Ann,${tag},a fine long pass phrase 1,`,
    `${tag}-bob@example.com,Bob,${tag},,`,
    `,Nobody,${tag},,`,
    `${tag}-taken@example.com,Taken,${tag},,`,
    `${tag}-weak@example.com,Weak,${tag},short,`,
    // A value in a column Gatehouse does not know is not dropped silently: the row is refused.
    `${tag}-carl@example.com,Carl,${tag},,carlos`,
  ].join('\n');

  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Import users' }).click();
  await expect(page).toHaveURL(/\/users\/import$/);
  const main = page.locator('#main');
  await expect(main.getByRole('heading', { name: 'Import users' })).toBeVisible();

  // Nothing chosen: the reason shows beside the file field.
  await main.getByRole('button', { name: 'Check file' }).click();
  await expect(main.getByLabel('File to import')).toHaveAccessibleDescription(/Choose a CSV, JSON or NDJSON file\./);

  // A file of another kind is refused beside the field, and nothing else appears.
  await main.getByLabel('File to import').setInputFiles({ name: 'people.txt', mimeType: 'text/plain', buffer: Buffer.from(file) });
  await main.getByRole('button', { name: 'Check file' }).click();
  await expect(main.getByLabel('File to import')).toHaveAccessibleDescription(/choose a \.csv, \.json or \.ndjson file/);
  await expect(main.getByRole('heading', { name: 'What the import would do' })).toHaveCount(0);

  await main.getByLabel('File to import').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await expect(main.getByLabel('Create new users only')).toBeChecked();
  await expect(main.getByLabel('Send an invitation to rows without a password')).toBeChecked();
  await main.getByRole('button', { name: 'Check file' }).click();

  await expect(main.getByRole('heading', { name: 'What the import would do' })).toBeVisible({ timeout: 20_000 });
  await expect(main.getByTestId('count-created')).toHaveText('2');
  await expect(main.getByTestId('count-updated')).toHaveText('0');
  await expect(main.getByTestId('count-unchanged')).toHaveText('0');
  await expect(main.getByTestId('count-error')).toHaveText('4');
  await expect(main.getByRole('status').filter({ hasText: 'Columns the import does not know' })).toContainText('nickname');

  await main.getByLabel(/^Errors only/).check();
  const rows = main.getByRole('table', { name: 'Rows with errors' }).locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('email');
  await expect(rows.filter({ hasText: `${tag}-taken@example.com` })).toContainText(/already/i);
  await expect(rows.filter({ hasText: `${tag}-weak@example.com` })).toContainText('password');
  await expect(rows.filter({ hasText: `${tag}-carl@example.com` })).toContainText('nickname');
  expect(await seriousViolations(page)).toEqual([]);
  await snapshot(page, 'import-dry-run');

  const [dryRunDownload] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Download report (CSV)' }).click()]);
  expect(dryRunDownload.suggestedFilename()).toBe('people-dry-run-report.csv');
  const dryRunLines = csvLines(await downloadedText(dryRunDownload));
  expect(dryRunLines[0]).toEqual(['row', 'email', 'outcome', 'field', 'message']);
  expect(dryRunLines.filter((cells) => cells[2] === 'created').map((cells) => cells[1])).toEqual([`${tag}-ann@example.com`, `${tag}-bob@example.com`]);
  expect(dryRunLines.find((cells) => cells[1] === `${tag}-weak@example.com`)?.slice(2, 4)).toEqual(['error', 'password']);

  // Nothing was written by the check.
  expect(await findUserBySignInName(`${tag}-ann@example.com`)).toBeFalsy();

  await main.getByRole('button', { name: 'Import 2 rows' }).click();
  await expect(page).toHaveURL(/\/users\/import\/imp_[A-Za-z0-9_-]+$/, { timeout: 20_000 });
  const bar = main.getByRole('progressbar', { name: 'Importing users' });
  await expect(bar).toHaveAttribute('aria-valuemax', '6');
  await expect(main.getByText('Imported 2 users; 4 rows had errors.')).toBeVisible({ timeout: 30_000 });
  await expect(bar).toHaveAttribute('aria-valuenow', '6');
  await expect(main.getByTestId('import-rows')).toHaveText('6 of 6 rows');
  expect(await seriousViolations(page)).toEqual([]);
  await snapshot(page, 'import-finished');

  const [finalDownload] = await Promise.all([page.waitForEvent('download'), main.getByRole('link', { name: 'Download report (CSV)' }).click()]);
  const finalLines = csvLines(await downloadedText(finalDownload));
  expect(finalLines[0]).toEqual(['row', 'email', 'outcome', 'field', 'message']);
  expect(finalLines.filter((cells) => cells[2] === 'created').map((cells) => cells[1])).toEqual([`${tag}-ann@example.com`, `${tag}-bob@example.com`]);
  expect(finalLines.filter((cells) => cells[2] === 'error').map((cells) => cells[0])).toEqual(['3', '4', '5', '6']);

  // The recent imports list shows it.
  await main.getByRole('link', { name: 'All imports' }).click();
  await expect(main.getByRole('table', { name: 'Recent imports' }).locator('tbody tr').first()).toContainText('2 created');

  await page.goto(`/users?pattern=${tag}`);
  const listed = page.locator('#main').getByRole('table').locator('tbody tr');
  await expect(listed).toHaveCount(3);
  await expect(listed.filter({ hasText: `${tag}-ann@example.com` })).toContainText('active');
  // Without a password: invited, waiting for their first one.
  await expect(listed.filter({ hasText: `${tag}-bob@example.com` })).toContainText('pending');
  await expect(listed.filter({ hasText: `${tag}-taken@example.com` })).toHaveCount(1);
});

test('a broken file is refused beside the file field', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/users/import');
  const main = page.locator('#main');
  await main.getByLabel('File to import').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from('name,city\nAnn,Oslo\n') });
  await main.getByRole('button', { name: 'Check file' }).click();
  await expect(main.getByLabel('File to import')).toHaveAccessibleDescription(/header row .* "email" column/);
  await expect(main.getByLabel('File to import')).toBeFocused();
  await expect(main.getByRole('heading', { name: 'What the import would do' })).toHaveCount(0);
});

test('a tenant admin neither sees the link nor opens the page', async ({ page }) => {
  const tag = uniqueTag('impt');
  const admin = await principalFor((await findUserBySignInName(TEST_ADMIN.email))!);
  const tenant = await createTenant({ slug: `${tag}-t`, name: `Tenant ${tag}` }, { id: admin.user.id });
  const boss = await createUser({ email: `${tag}-boss@example.com`, password: MEMBER_PASSWORD, firstName: 'Bo', lastName: tag, tenantId: tenant.id });
  await assignTenantMember(admin, tenant.id, boss.id, 'admin', { id: admin.user.id });

  await page.goto('/sign-in');
  await signIn(page, boss.email, MEMBER_PASSWORD);
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole('link', { name: 'Import users' })).toHaveCount(0);
  const response = await page.goto('/users/import');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
});

test('a file of 100,000 rows (over 10 MB) reaches the check whole', async ({ page }) => {
  test.setTimeout(90_000);
  const tag = uniqueTag('big');
  // A bcrypt-shaped hash on every row, as an export from another system has: about 11 MB.
  const hash = '$2b$10$abcdefghijklmnopqrstuu5cY6bQ8yT1bF0l2i2Q5pX9f6o5i4h3C';
  const lines = ['email,firstName,lastName,scopes,passwordHash'];
  for (let i = 0; i < 100_000; i++) lines.push(`${tag}-${i}@example.com,Big,File ${i},user,${hash}`);
  const file = Buffer.from(lines.join('\n'));
  expect(file.length).toBeGreaterThan(10 * 1024 * 1024);

  await signInAsAdmin(page);
  await page.goto('/users/import');
  const main = page.locator('#main');
  await main.getByLabel('File to import').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: file });
  await main.getByRole('button', { name: 'Check file' }).click();
  await expect(main.getByText('100,000 rows in big.csv, checked against the directory. Nothing was written.')).toBeVisible({ timeout: 60_000 });
  await expect(main.getByLabel(/^Errors only/)).toHaveAccessibleName('Errors only (0)');
  await expect(main.getByRole('button', { name: 'Import 100,000 rows' })).toBeEnabled();
});
