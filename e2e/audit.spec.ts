import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { withAuditContext } from '../lib/audit/context';
import { recordAuditEvent } from '../lib/audit/events';
import { createUser, findUserBySignInName } from '../lib/users/users';
import { signInAsAdmin, snapshot, test, TEST_ADMIN, uniqueTag } from './support';

/**
 * The question, answered from the UI: who changed this user's scopes last week, and
 * from where. The change is recorded as the API pipeline records an admin's edit (actor,
 * address, user agent, request id), then found on /audit by target and action.
 */

const ADDRESS = '198.51.100.23';
const bodyRows = (page: Page) => page.locator('main table tbody tr');

async function scopesChangedByAdmin(tag: string) {
  const admin = (await findUserBySignInName(TEST_ADMIN.email))!;
  const ann = await createUser({ email: `${tag}-ann@example.com`, firstName: 'Ann', lastName: tag });
  await withAuditContext({ actor: { kind: 'user', id: admin.id }, ip: ADDRESS, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) e2e', requestId: `${tag}-req` }, async () => {
    await recordAuditEvent({ action: 'user.updated', target: ann.id, before: { scope: ['user'] }, after: { scope: ['user', 'tester'] } });
    await recordAuditEvent({ action: 'access-key.shown', target: ann.id });
  });
  return ann;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('an admin finds who changed a user’s scopes and from where, by keyboard, and the filters survive a reload', async ({ page }) => {
  const tag = uniqueTag('audit');
  const ann = await scopesChangedByAdmin(tag);
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Audit', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();

  await page.getByLabel('Target').fill(ann.id);
  await expect(page).toHaveURL(/filter=target/);
  // Her creation, the scope change, the key shown.
  await expect(bodyRows(page)).toHaveCount(3);
  await page.getByLabel('Action').selectOption('user.updated');
  await expect(page).toHaveURL(/filter=action%3Auser.updated/);
  await expect(bodyRows(page)).toHaveCount(1);
  const row = bodyRows(page).first();
  await expect(row).toContainText('User edited');
  await expect(row).toContainText(`Ann ${tag}`);
  await expect(row).toContainText(ADDRESS);
  await snapshot(page, 'audit-list');

  await page.reload();
  await expect(page.getByLabel('Target')).toHaveValue(ann.id);
  await expect(page.getByLabel('Action')).toHaveValue('user.updated');
  await expect(bodyRows(page)).toHaveCount(1);

  const changes = page.getByRole('button', { name: /^Changes/ });
  await changes.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('row', { name: /scope/ })).toContainText('["user"]');
  await expect(dialog.getByRole('row', { name: /scope/ })).toContainText('["user","tester"]');
  await expect(dialog).toContainText(ADDRESS);
  await expect(dialog).toContainText(`${tag}-req`);
  await expect(dialog).toContainText(TEST_ADMIN.email);
  expect(await seriousViolations(page)).toEqual([]);
  await snapshot(page, 'audit-event');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(changes).toBeFocused();
});

test('a user’s Activity view shows the events about them', async ({ page }) => {
  const tag = uniqueTag('activity');
  const ann = await scopesChangedByAdmin(tag);
  await signInAsAdmin(page);
  await page.goto(`/users/${ann.id}`);
  await page.getByRole('link', { name: 'Activity' }).click();
  await expect(page.getByRole('heading', { name: `Activity of Ann ${tag}` })).toBeVisible();
  await expect(bodyRows(page)).toHaveCount(3);
  await expect(bodyRows(page).first()).toContainText('Access key shown');
  await expect(bodyRows(page).last()).toContainText('User created');
  await page.getByLabel('Action').selectOption('user.updated');
  await expect(bodyRows(page)).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
  await snapshot(page, 'user-activity');
});

test('a filter that matches nothing says so, and a bad one says why', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`/audit?filter=target:${uniqueTag('nobody')}`);
  // Inside the main landmark: while a streamed page replaces its loading state, React briefly holds a hidden copy elsewhere.
  await expect(page.locator('#main').getByText('No events match these filters')).toBeVisible();
  await page.goto('/audit?filter=colour:red');
  await expect(page.getByRole('alert', { name: 'This list cannot be shown' })).toContainText('Unknown filter field "colour"');
  await page.goto('/settings/audit');
  await page.getByLabel('Keep events for (days)').fill('0');
  await page.getByRole('button', { name: 'Save retention' }).click();
  await expect(page.getByText('Keep events at least 1 day.')).toBeVisible();
  await snapshot(page, 'settings-audit');
});
