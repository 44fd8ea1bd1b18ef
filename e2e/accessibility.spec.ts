import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { cancelDeletion } from '../lib/deletion/requests';
import { principalFor } from '../lib/auth/principal';
import { issueCode } from '../lib/auth/one-time-codes';
import { grantPermission } from '../lib/permissions/grants';
import { createResource } from '../lib/permissions/resources';
import { assignTenantMember, createTenant } from '../lib/tenants/tenants';
import { createUser, findUserBySignInName } from '../lib/users/users';
import { holdDeletion } from '../tests/support/held-deletion';
import { createMember, MEMBER_PASSWORD, serverDb, signIn, signInAsAdmin, test, TEST_ADMIN, uniqueTag } from './support';

/**
 * Every page, as each kind of visitor sees it, has no serious or critical violation of the
 * WCAG 2 A and AA rules axe-core checks. Violations of a run are gathered and reported together.
 */

const WCAG_2_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Axe's serious and critical violations on the page as it is now, one line each, with the elements they hit. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_2_A_AA).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Opens each path, waits for its loading state to give way to the page, and checks it. */
async function checkPages(page: Page, paths: string[]) {
  const found: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    // Still on the page asked for: a redirect (to sign-in, say) would check another page.
    expect(new URL(page.url()).pathname).toBe(new URL(path, page.url()).pathname);
    await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0);
    found.push(...(await seriousViolations(page)).map((violation) => `${path}: ${violation}`));
  }
  expect(found).toEqual([]);
}

async function systemAdmin() {
  return await principalFor((await findUserBySignInName(TEST_ADMIN.email))!);
}

/** A tenant with a tenant admin, a member holding a role on one of its resources, and that resource. */
async function tenantWithMembers(tag: string) {
  const admin = await systemAdmin();
  const actor = { id: admin.user.id };
  const tenant = await createTenant({ slug: `${tag}-t`, name: `Tenant ${tag}` }, actor);
  const boss = await createUser({ email: `${tag}-boss@example.com`, password: MEMBER_PASSWORD, firstName: 'Bo', lastName: tag, tenantId: tenant.id });
  await assignTenantMember(admin, tenant.id, boss.id, 'admin', actor);
  const member = await createUser({ email: `${tag}-mel@example.com`, password: MEMBER_PASSWORD, firstName: 'Mel', lastName: tag, tenantId: tenant.id });
  const resource = await createResource(admin, { name: `Report ${tag}`, kind: 'report', tenantId: tenant.id }, actor);
  await grantPermission(admin, member.id, resource.id, { role: 'editor' }, actor);
  return { tenant, boss, member, resource };
}

test('signed-out pages', async ({ page }) => {
  const invited = await createUser({ email: `${uniqueTag('a11y-inv')}@example.com` });
  const { code } = await issueCode(invited.id, 'invitation');
  await checkPages(page, ['/sign-in', '/forgot-password', '/reset-password?code=some-code', `/accept-invite?code=${code}`, '/confirm-sign-up?code=some-code']);
});

test('an admin’s pages, a filtered table and open dialogs', async ({ page }) => {
  const tag = uniqueTag('a11y');
  const { tenant, member, resource } = await tenantWithMembers(tag);
  const leaving = await createMember(`${tag}-leaving@example.com`);
  const ticket = await holdDeletion(serverDb(), leaving.id, { stepsDone: 2 });

  await signInAsAdmin(page);
  await checkPages(page, [
    '/users',
    `/users?pattern=${tag}&filter=status:active&sort=email:1`,
    '/users/new',
    `/users/${member.id}`,
    '/users/usr_doesnotexist',
    '/tenants',
    `/tenants/${tenant.slug}`,
    '/resources',
    `/resources/${resource.id}`,
    '/settings',
    '/settings/mail',
    '/users/deletions',
    `/users/${leaving.id}/deletion/${ticket}`,
    '/users/import',
    '/account',
  ]);

  await page.goto(`/users/${member.id}`);
  await page.getByRole('button', { name: 'Set a password…' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  // A confirmation is an alert dialog.
  await page.getByRole('button', { name: 'Delete user' }).click();
  await expect(page.getByRole('alertdialog', { name: /Delete/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await cancelDeletion(leaving.id, ticket, { id: (await systemAdmin()).user.id });
});

test('an admin’s accountability pages: the audit trail, a user’s activity, retention and webhooks', async ({ page }) => {
  const { member } = await tenantWithMembers(uniqueTag('a11y-acc'));
  await signInAsAdmin(page);
  await checkPages(page, ['/audit', `/audit?filter=target:${member.id}&filter=at>=2020-01-01`, `/users/${member.id}/activity`, '/settings/audit', '/settings/inactivity', '/settings/webhooks']);
});

test('a tenant admin’s pages', async ({ page }) => {
  const { boss, member } = await tenantWithMembers(uniqueTag('a11y-ta'));
  await page.goto('/sign-in');
  await signIn(page, boss.email, MEMBER_PASSWORD);
  await expect(page).toHaveURL(/\/users$/);
  await checkPages(page, ['/users', `/users/${member.id}`, '/audit', `/users/${member.id}/activity`]);
});

test('a plain user’s account page', async ({ page }) => {
  const user = await createMember(`${uniqueTag('a11y-user')}@example.com`);
  await page.goto('/sign-in');
  await signIn(page, user.email, MEMBER_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await checkPages(page, ['/account']);
});
