import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { createUser } from '../lib/users/users';
import { signInAsAdmin, test, uniqueTag } from './support';

const SHOTS = '/tmp/shots-export';

async function expectNoSeriousViolation(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
}

async function downloadedText(page: Page, click: () => Promise<void>) {
  const downloading = page.waitForEvent('download');
  await click();
  const download = await downloading;
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

test.beforeEach(async ({ page }) => {
  await signInAsAdmin(page);
});

test('the users list exports its current filter as CSV with the chosen columns', async ({ page }) => {
  const tag = uniqueTag('exp');
  for (const [firstName, status] of [['Ada', 'active'], ['Bea', 'suspended'], ['Cal', 'active'], ['Dov', 'active']] as const) {
    await createUser({ email: `${tag}-${firstName.toLowerCase()}@example.com`, firstName, lastName: tag, department: `${firstName} dept`, status });
  }
  await page.goto(`/users?pattern=${tag}&filter=status:active&sort=email:-1`);
  const main = page.locator('#main');
  const rows = main.locator('table tbody tr');
  await expect(rows).toHaveCount(3);

  await main.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export users' });
  await expect(dialog).toContainText('Every user matching the current search and filters');
  await dialog.getByRole('checkbox', { name: 'Id', exact: true }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Department' }).check();
  await expectNoSeriousViolation(page);
  await page.screenshot({ path: `${SHOTS}/users-export-dialog-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/users-export-dialog-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  const { name, text } = await downloadedText(page, () => dialog.getByRole('link', { name: 'Download CSV' }).click());
  expect(name).toMatch(/^users-\d{8}\.csv$/);
  const [header, ...records] = parse(text.replace(/^\uFEFF/, '')) as string[][];
  expect(header).toEqual(['email', 'username', 'firstName', 'lastName', 'role', 'status', 'scopes', 'tenants', 'plan', 'department', 'createdAt', 'lastSignInAt']);
  // The list's rows, in the list's order.
  expect(records.map((record) => record[0])).toEqual([`${tag}-dov@example.com`, `${tag}-cal@example.com`, `${tag}-ada@example.com`]);
  for (const [i, record] of records.entries()) await expect(rows.nth(i)).toContainText(record[0]);
  expect(records.map((record) => record[9])).toEqual(['Dov dept', 'Cal dept', 'Ada dept']);
  await expect(dialog).toBeHidden();
});

test('the export dialog works by keyboard and chooses NDJSON', async ({ page }) => {
  const tag = uniqueTag('kbd');
  await createUser({ email: `${tag}-eli@example.com`, firstName: 'Eli', lastName: tag });
  await page.goto(`/users?pattern=${tag}`);
  const main = page.locator('#main');
  await expect(main.locator('table tbody tr')).toHaveCount(1);
  await main.getByRole('button', { name: 'Export' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export users' });
  await dialog.getByRole('radio', { name: /^NDJSON/ }).focus();
  await page.keyboard.press('Space');
  await expect(dialog.getByRole('radio', { name: /^NDJSON/ })).toBeChecked();
  await dialog.getByRole('link', { name: 'Download NDJSON' }).focus();
  const { name, text } = await downloadedText(page, () => page.keyboard.press('Enter'));
  expect(name).toMatch(/^users-\d{8}\.ndjson$/);
  const lines = text.trim().split('\n').map((line) => JSON.parse(line));
  expect(lines).toEqual([expect.objectContaining({ email: `${tag}-eli@example.com`, firstName: 'Eli', scopes: expect.any(Array) })]);

  await main.getByRole('button', { name: 'Export' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(main.getByRole('button', { name: 'Export' })).toBeFocused();
});

test('the user page downloads the person’s data as JSON', async ({ page }) => {
  const tag = uniqueTag('gdpr');
  const user = await createUser({ email: `${tag}-fay@example.com`, firstName: 'Fay', lastName: tag, password: 'a long pass phrase for fay' });
  await page.goto(`/users/${user.id}`);
  const main = page.locator('#main');
  const button = main.getByRole('link', { name: 'Download personal data' });
  await expect(button).toBeVisible();
  await expectNoSeriousViolation(page);
  await page.screenshot({ path: `${SHOTS}/user-page-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/user-page-390.png` });
  await page.setViewportSize({ width: 1280, height: 800 });

  const { name, text } = await downloadedText(page, () => button.click());
  expect(name).toBe(`user-${user.id}-data-${new Date().toISOString().slice(0, 10)}.json`);
  const document = JSON.parse(text);
  expect(document.user).toMatchObject({ id: user.id, email: user.email, firstName: 'Fay' });
  expect(document.auditEvents.map((event: { action: string }) => event.action)).toContain('user.data.exported');
  expect(text).not.toContain('$argon2');
  expect(text).not.toContain('a long pass phrase for fay');
});
