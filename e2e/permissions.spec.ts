import { expect, type Locator, type Page } from '@playwright/test';
import { permissions } from '../db/schema';
import { principalFor } from '../lib/auth/principal';
import { changeResourcePermissions, listResourcePermissions, listUserPermissions } from '../lib/permissions/grants';
import { createResource } from '../lib/permissions/resources';
import { createUser, findUserBySignInName } from '../lib/users/users';
import { serverDb, signInAsAdmin, snapshot, test, TEST_ADMIN, toasts, uniqueTag } from './support';

/** The system admin the server was started with, as lib/ sees a caller. */
async function admin() {
  return await principalFor((await findUserBySignInName(TEST_ADMIN.email))!);
}

async function newResource(name: string, kind = 'workflow') {
  const principal = await admin();
  return await createResource(principal, { name, kind, tenantId: null }, { id: principal.user.id });
}

/** An active user "<First> <tag>" with the email "<tag>-<first>@example.com". */
async function newUser(tag: string, firstName: string, status: 'active' | 'suspended' = 'active') {
  return await createUser({ email: `${tag}-${firstName.toLowerCase()}@example.com`, firstName, lastName: tag, status });
}

async function grant(resourceId: string, userId: string, role: 'reader' | 'executor' | 'editor' | 'owner', expiresAt: Date | null = null) {
  const principal = await admin();
  await changeResourcePermissions(principal, resourceId, [{ userId, role, expiresAt }], { id: principal.user.id });
}

/** The grid's row whose name links to `name`. */
function gridRow(grid: Locator, name: string): Locator {
  return grid.locator('tbody tr').filter({ has: grid.page().getByRole('link', { name, exact: true }) });
}

const nextYear = new Date().getUTCFullYear() + 1;

/**
 * A full-page screenshot laid out on a screen tall enough for the whole page: on a short one
 * the grid's sticky summary is pinned to the screen's bottom edge, which a full-page image
 * shows in the middle of the rows.
 */
async function snapshotWhole(page: Page, name: string, width?: number) {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: width ?? size.width, height: size.height });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: width ?? size.width, height: Math.max(height, size.height) });
  await snapshot(page, name);
  await page.setViewportSize(size);
}

async function searchUserGrid(grid: Locator, pattern: string, rows: number) {
  await grid.getByLabel('Search resources').fill(pattern);
  await expect(grid.getByTestId('user-grid-range')).toHaveText(`1–${rows} of ${rows}`);
}

test.beforeEach(async ({ page }) => {
  await signInAsAdmin(page);
});

test('on the user page: grant Editor, save, reload; then None revokes it', async ({ page }) => {
  const tag = uniqueTag('ugrid');
  const user = await newUser(tag, 'Ann');
  const close = await newResource(`Month-end close ${tag}`);
  const cash = await newResource(`Cash position ${tag}`, 'dashboard');
  await grant(cash.id, user.id, 'reader');
  const roleOn = (role: string) => `Role of ${user.email} on ${close.name}: ${role}`;

  await page.goto(`/users/${user.id}`);
  const grid = page.getByRole('region', { name: 'Roles on resources' });
  await searchUserGrid(grid, tag, 2);
  await expect(grid.getByRole('radio', { name: `Role of ${user.email} on ${cash.name}: Reader` })).toBeChecked();
  await expect(grid.getByRole('radio', { name: roleOn('None') })).toBeChecked();

  await grid.getByRole('radio', { name: roleOn('Editor') }).check();
  await expect(gridRow(grid, close.name)).toContainText('Unsaved · had no role');
  const summary = grid.getByRole('region', { name: '1 unsaved change' });
  await expect(summary).toContainText(`Grant Editor on ${close.name}`);
  await grid.getByRole('radio', { name: `Role of ${user.email} on ${cash.name}: Owner` }).check();
  await expect(grid.getByRole('region', { name: '2 unsaved changes' })).toContainText(`Change ${cash.name} from Reader to Owner`);
  await grid.getByRole('radio', { name: `Role of ${user.email} on ${cash.name}: Reader` }).check();
  await expect(summary).toBeVisible();
  await grid.getByRole('radio', { name: roleOn('Editor') }).focus();
  await snapshotWhole(page, 'user-grid-staged');

  await summary.getByRole('button', { name: 'Save roles' }).click();
  await expect(grid.getByRole('status').filter({ hasText: 'Saved: 1 granted.' })).toBeVisible();
  await expect(summary).toBeHidden();
  await snapshotWhole(page, 'user-grid-saved');

  await page.reload();
  await grid.getByRole('button', { name: 'With a role (2)' }).click();
  await expect(grid.getByTestId('user-grid-range')).toHaveText('1–2 of 2');
  await expect(grid.getByRole('radio', { name: roleOn('Editor') })).toBeChecked();
  expect((await listUserPermissions(await admin(), user.id)).map((p) => [p.resourceName, p.role, p.expiresAt])).toEqual([
    [cash.name, 'reader', null],
    [close.name, 'editor', null],
  ]);

  await grid.getByRole('radio', { name: roleOn('None') }).check();
  await expect(grid.getByRole('region', { name: '1 unsaved change' })).toContainText(`Revoke Editor on ${close.name}`);
  await grid.getByRole('button', { name: 'Save roles' }).click();
  await expect(grid.getByRole('status').filter({ hasText: 'Saved: 1 revoked.' })).toBeVisible();

  await page.reload();
  await searchUserGrid(grid, close.name, 1);
  await expect(grid.getByRole('radio', { name: roleOn('None') })).toBeChecked();
  await grid.getByRole('button', { name: 'With a role (1)' }).click();
  await expect(gridRow(grid, close.name)).toHaveCount(0);
  expect((await listUserPermissions(await admin(), user.id)).map((p) => p.resourceName)).toEqual([cash.name]);
});

test('on the resource page: add a user with Reader until a date; a past expiry is refused on its row', async ({ page }) => {
  const tag = uniqueTag('rgrid');
  const [ann, bob, cy, dee] = [await newUser(tag, 'Ann'), await newUser(tag, 'Bob'), await newUser(tag, 'Cy', 'suspended'), await newUser(tag, 'Dee')];
  const resource = await newResource(`Vendor master data ${tag}`, 'dataset');
  await grant(resource.id, bob.id, 'executor');
  await grant(resource.id, cy.id, 'owner');
  // A grant that has lapsed: lib/ refuses a past expiry, so it is written as time would leave it.
  await serverDb().write((tx) =>
    tx.insert(permissions).values({ userId: dee.id, resourceId: resource.id, role: 'editor', expiresAt: new Date(Date.now() - 86_400_000), grantedBy: null, createdAt: new Date() }),
  );

  await page.goto(`/resources/${resource.id}`);
  await expect(page.getByRole('heading', { name: resource.name })).toBeVisible();
  const grid = page.getByRole('region', { name: 'Who holds a role' });
  await expect(gridRow(grid, `Dee ${tag}`)).toContainText('Expired');
  await snapshotWhole(page, 'resource-page');

  await grid.getByLabel('Add user').fill(`${tag}-ann`);
  await grid.getByRole('button', { name: `Add ${ann.email}` }).click();
  const annRow = gridRow(grid, `Ann ${tag}`);
  await expect(annRow).toContainText('Added: choose a role');
  await expect(grid.getByRole('radio', { name: `Role of ${ann.email} on ${resource.name}: None` })).toBeFocused();
  await grid.getByRole('radio', { name: `Role of ${ann.email} on ${resource.name}: Reader` }).check();
  await grid.getByLabel(`Expiry of the role of ${ann.email} on ${resource.name}`).fill(`${nextYear}-01-31`);
  const summary = grid.getByRole('region', { name: '1 unsaved change' });
  await expect(summary).toContainText(`Grant Reader to ${ann.email}, expiring 31 Jan ${nextYear}`);
  await snapshotWhole(page, 'resource-grid-staged');

  await summary.getByRole('button', { name: 'Save roles' }).click();
  await expect(grid.getByRole('status').filter({ hasText: 'Saved: 1 granted.' })).toBeVisible();
  await page.reload();
  await expect(grid.getByRole('radio', { name: `Role of ${ann.email} on ${resource.name}: Reader` })).toBeChecked();
  await expect(grid.getByLabel(`Expiry of the role of ${ann.email} on ${resource.name}`)).toHaveValue(`${nextYear}-01-31`);
  await snapshotWhole(page, 'resource-grid-saved');

  // Two changes, one of them refused: neither is saved, and the refused one's row says why.
  await grid.getByRole('radio', { name: `Role of ${ann.email} on ${resource.name}: Editor` }).check();
  await grid.getByLabel(`Expiry of the role of ${bob.email} on ${resource.name}`).fill('2020-01-01');
  await expect(grid.getByRole('region', { name: '2 unsaved changes' })).toContainText(`Expire ${bob.email}’s Executor role on 1 Jan 2020`);
  await grid.getByRole('button', { name: 'Save roles' }).click();
  await expect(grid.getByRole('alert')).toHaveText('1 of the changes cannot be saved; nothing was saved.');
  const bobRow = gridRow(grid, `Bob ${tag}`);
  await expect(bobRow).toHaveAttribute('data-state', 'error');
  await expect(bobRow).toContainText('The expiry must be in the future.');
  await expect(grid.getByLabel(`Expiry of the role of ${bob.email} on ${resource.name}`)).toHaveAttribute('aria-invalid', 'true');
  await snapshotWhole(page, 'resource-grid-row-error');
  expect((await listResourcePermissions(await admin(), resource.id)).map((p) => [p.email, p.role, p.expiresAt?.toISOString() ?? null])).toEqual([
    [ann.email, 'reader', `${nextYear}-01-31T00:00:00.000Z`],
    [bob.email, 'executor', null],
    [cy.email, 'owner', null],
    [dee.email, 'editor', expect.any(String)],
  ]);

  await snapshotWhole(page, 'resource-grid-narrow', 390);

  await grid.getByRole('button', { name: 'Discard' }).click();
  await expect(grid.getByRole('button', { name: 'Save roles' })).toBeHidden();
  await expect(grid.getByRole('radio', { name: `Role of ${ann.email} on ${resource.name}: Reader` })).toBeChecked();
  await expect(grid.getByLabel(`Expiry of the role of ${bob.email} on ${resource.name}`)).toHaveValue('');
});

test('the grid works from the keyboard, and stacks on a narrow screen', async ({ page }) => {
  const tag = uniqueTag('kgrid');
  const user = await newUser(tag, 'Kim');
  const resource = await newResource(`Payroll export ${tag}`, 'connector');
  await newResource(`Headcount ${tag}`, 'dataset');
  await grant(resource.id, user.id, 'reader');
  const roleOn = (role: string) => `Role of ${user.email} on ${resource.name}: ${role}`;

  await page.goto(`/users/${user.id}`);
  const grid = page.getByRole('region', { name: 'Roles on resources' });
  await searchUserGrid(grid, tag, 2);
  await grid.getByRole('radio', { name: roleOn('Reader') }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(grid.getByRole('radio', { name: roleOn('Editor') })).toBeChecked();
  await expect(grid.getByRole('radio', { name: roleOn('Editor') })).toBeFocused();
  await expect(grid.getByRole('region', { name: '1 unsaved change' })).toContainText(`Change ${resource.name} from Reader to Editor`);

  await snapshotWhole(page, 'user-grid-narrow', 390);

  await grid.getByRole('button', { name: 'Save roles' }).focus();
  await page.keyboard.press('Enter');
  await expect(grid.getByRole('status').filter({ hasText: 'Saved: 1 changed.' })).toBeVisible();
  expect((await listUserPermissions(await admin(), user.id)).map((p) => p.role)).toEqual(['editor']);
});

test('resources list: search, create (with the error beside the field first), edit, delete', async ({ page }) => {
  const tag = uniqueTag('rlist');
  const payroll = await newResource(`Payroll export ${tag}`, 'connector');
  await newResource(`Headcount ${tag}`, 'dataset');
  await grant(payroll.id, (await newUser(tag, 'Lee')).id, 'owner');

  await page.goto('/resources');
  await page.getByLabel('Search').fill(tag);
  await expect(page).toHaveURL(new RegExp(`pattern=${tag}`));
  const rows = page.locator('table tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('resources-range')).toHaveText('1–2 of 2');
  await expect(rows.filter({ hasText: payroll.name })).toContainText('connector');
  await snapshot(page, 'resources-list');

  await page.getByLabel('Search').fill(`nothing like ${tag}`);
  await expect(page.getByText(`No resources match “nothing like ${tag}”`)).toBeVisible();
  await page.getByLabel('Search').fill(tag);
  await expect(rows).toHaveCount(2);

  await page.getByRole('button', { name: 'New resource' }).click();
  const dialog = page.getByRole('dialog', { name: 'New resource' });
  await dialog.getByLabel('Kind').fill('dashboard');
  await dialog.getByRole('button', { name: 'Create resource' }).click();
  await expect(dialog.getByText('Enter a name.')).toBeVisible();
  await expect(dialog.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await snapshot(page, 'new-resource-error');
  await dialog.getByLabel('Name').fill(`Budget vs. actuals ${tag}`);
  await expect(dialog.getByLabel('Tenant')).toHaveValue('');
  await dialog.getByRole('button', { name: 'Create resource' }).click();
  await expect(page.getByRole('heading', { name: `Budget vs. actuals ${tag}` })).toBeVisible();
  await expect(page.getByText('Resource created.')).toBeVisible();
  await expect(page.getByText('A dashboard, global: system admins manage its roles.', { exact: false })).toBeVisible();
  await expect(page.getByText('No one holds a role yet')).toBeVisible();
  await snapshot(page, 'resource-page-new');

  await page.goto(`/resources?pattern=${tag}`);
  await expect(rows).toHaveCount(3);
  await page.getByRole('button', { name: `Delete ${payroll.name}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Delete ${payroll.name}?` });
  await expect(confirm).toContainText('The permissions on it go too: 1 person loses the role they hold on it.');
  await snapshot(page, 'delete-resource-dialog');
  await confirm.getByRole('button', { name: 'Delete resource' }).click();
  // Radix also reads the toast out through a hidden live region with the same words: look in the toast list.
  await expect(toasts(page).filter({ hasText: `Deleted ${payroll.name} and the roles granted on it.` })).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: payroll.name })).toHaveCount(0);

  await page.getByRole('button', { name: `Edit Headcount ${tag}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit Headcount ${tag}` });
  await expect(edit.getByLabel('Kind')).toHaveValue('dataset');
  await edit.getByLabel('Name').fill(`Headcount plan ${tag}`);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(rows.filter({ hasText: `Headcount plan ${tag}` })).toContainText('dataset');
});
