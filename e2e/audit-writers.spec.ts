import { expect, type Page } from '@playwright/test';
import { auditEvents } from '../db/schema';
import { principalFor } from '../lib/auth/principal';
import { createResource } from '../lib/permissions/resources';
import { createTenant } from '../lib/tenants/tenants';
import { createUser, findUserBySignInName } from '../lib/users/users';
import { auditTrail, type AuditEventRow } from '../tests/support/audit';
import { serverDb, signIn, signInAsAdmin, test, TEST_ADMIN, toasts, uniqueTag } from './support';

/**
 * Changes made on the pages leave the same audit events as through the API, naming the
 * signed-in admin (actorKind "user"), their address, their browser and the request.
 * Fixtures are made in the database directly (their events name the system); the trail is
 * read from the database too.
 */

const trail = () => auditTrail({ ...serverDb(), schema: { auditEvents } });

async function admin() {
  return await principalFor((await findUserBySignInName(TEST_ADMIN.email))!);
}

/** The events `action` recorded about `target` after `mark`, waiting a little for the page's action to land. */
async function eventsAfter(mark: number, action: string, target: string): Promise<AuditEventRow[]> {
  let found: AuditEventRow[] = [];
  await expect(async () => {
    found = (await trail().about(target, mark)).filter((event) => event.action === action);
    expect(found.length).toBeGreaterThan(0);
  }).toPass({ timeout: 5_000 });
  return found;
}

/** An event a page made as the signed-in admin, from this browser, in a request of its own. */
async function expectByAdmin(page: Page, event: AuditEventRow) {
  expect(event).toMatchObject({ actorKind: 'user', actor: (await admin()).user.id });
  expect(event.ip).toBeTruthy();
  expect(event.userAgent).toBe(await page.evaluate(() => navigator.userAgent));
  expect(event.requestId).toMatch(/^[\w.:-]+$/);
}

test('signing in and out through the pages records the session and the sign-in', async ({ page }) => {
  const adminId = (await admin()).user.id;
  const mark = await trail().mark();
  await signInAsAdmin(page);
  const [signedIn] = await eventsAfter(mark, 'sign-in.succeeded', adminId);
  await expectByAdmin(page, signedIn);
  const started = (await trail().since(mark)).filter((event) => event.action === 'session.started' && event.actor === adminId);
  expect(started).toHaveLength(1);
  expect(started[0]).toMatchObject({ targetKind: 'session', after: { userId: adminId } });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const [ended] = await eventsAfter(mark, 'session.ended', started[0].target!);
  await expectByAdmin(page, ended);
  expect(ended).toMatchObject({ before: { userId: adminId, endedAt: null }, after: { userId: adminId } });
});

test('a wrong password on the sign-in page records a failure naming the account, without an actor', async ({ page }) => {
  const tag = uniqueTag('awfail');
  const user = await createUser({ email: `${tag}@example.com`, password: 'a password nobody types', firstName: 'Fay' });
  const mark = await trail().mark();
  await page.goto('/sign-in');
  await signIn(page, user.email, 'not the password at all');
  await expect(page.getByText('The email, username or password is wrong.')).toBeVisible();
  const [failed] = await eventsAfter(mark, 'sign-in.failed', user.id);
  expect(failed).toMatchObject({ actorKind: null, actor: null, after: { reason: 'wrong-password' } });
  expect(JSON.stringify(await trail().since(mark))).not.toContain('not the password at all');
});

test.describe('as the signed-in admin', () => {
  test.beforeEach(async ({ page }) => {
    await signInAsAdmin(page);
  });

  test('editing a user on their page records the fields that changed', async ({ page }) => {
    const tag = uniqueTag('awedit');
    const user = await createUser({ email: `${tag}@example.com`, firstName: 'Olga', lastName: tag });
    const mark = await trail().mark();
    await page.goto(`/users/${user.id}`);
    // Filled again until it holds: a fill that lands while the streamed page hydrates can be appended to the old value.
    for (const [label, value] of [['First name', 'Olivia'], ['Time zone', 'Europe/Paris']]) {
      const field = page.getByLabel(label);
      await expect(async () => {
        await field.fill(value);
        await expect(field).toHaveValue(value, { timeout: 1_000 });
      }).toPass();
    }
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

    const [edit] = await eventsAfter(mark, 'user.updated', user.id);
    await expectByAdmin(page, edit);
    expect(edit.before).toEqual({ firstName: 'Olga', timezone: null });
    expect(edit.after).toEqual({ firstName: 'Olivia', timezone: 'Europe/Paris' });
  });

  test('suspending from the users list records user.suspended', async ({ page }) => {
    const tag = uniqueTag('awsusp');
    const user = await createUser({ email: `${tag}@example.com`, firstName: 'Kim', lastName: tag, status: 'active' });
    const mark = await trail().mark();
    await page.goto(`/users?pattern=${tag}`);
    await page.getByRole('button', { name: `Actions for Kim ${tag}` }).click();
    await page.getByRole('menuitem', { name: 'Suspend' }).click();
    await page.getByRole('alertdialog', { name: `Suspend Kim ${tag}?` }).getByRole('button', { name: 'Suspend' }).click();
    await expect(toasts(page).filter({ hasText: 'Suspended 1 user.' })).toBeVisible();

    const [suspended] = await eventsAfter(mark, 'user.suspended', user.id);
    await expectByAdmin(page, suspended);
    expect(suspended).toMatchObject({ before: { status: 'active' }, after: { status: 'suspended' } });
  });

  test('changing a tenant member’s role on the tenant page records the old and new role with the tenant', async ({ page }) => {
    const tag = uniqueTag('awten');
    const principal = await admin();
    const tenant = await createTenant({ slug: `${tag}-t`, name: `Audit ${tag}` }, { id: principal.user.id });
    const user = await createUser({ email: `${tag}@example.com`, firstName: 'Jo', lastName: tag, tenantId: tenant.id });
    const mark = await trail().mark();
    await page.goto(`/tenants/${tenant.slug}`);
    // Inside the main landmark: a streamed page briefly holds a hidden copy of it.
    const role = page.locator('#main').getByLabel(`Tenant role of Jo ${tag}`);
    await role.selectOption('admin');
    await expect(page.getByRole('row', { name: new RegExp(user.email) }).getByRole('status')).toHaveText('Saved');

    const [changed] = await eventsAfter(mark, 'tenant.member.role-changed', user.id);
    await expectByAdmin(page, changed);
    expect(changed).toMatchObject({ tenantId: tenant.id, before: { tenantId: tenant.id, role: 'user' }, after: { tenantId: tenant.id, role: 'admin' } });
  });

  test('granting a role in the user page’s grid records the permission with its resource', async ({ page }) => {
    const tag = uniqueTag('awgrant');
    const principal = await admin();
    const user = await createUser({ email: `${tag}@example.com`, firstName: 'Ann', lastName: tag });
    const resource = await createResource(principal, { name: `Ledger ${tag}`, kind: 'workflow', tenantId: null }, { id: principal.user.id });
    const mark = await trail().mark();
    await page.goto(`/users/${user.id}`);
    const grid = page.getByRole('region', { name: 'Roles on resources' });
    await grid.getByLabel('Search resources').fill(tag);
    await expect(grid.getByTestId('user-grid-range')).toHaveText('1–1 of 1');
    await grid.getByRole('radio', { name: `Role of ${user.email} on ${resource.name}: Editor` }).check();
    await grid.getByRole('button', { name: 'Save roles' }).click();
    await expect(grid.getByRole('status').filter({ hasText: 'Saved: 1 granted.' })).toBeVisible();

    const [granted] = await eventsAfter(mark, 'permission.granted', user.id);
    await expectByAdmin(page, granted);
    expect(granted).toMatchObject({ before: null, after: { resourceId: resource.id, role: 'editor', expiresAt: null } });
  });
});
