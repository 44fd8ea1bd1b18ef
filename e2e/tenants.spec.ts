import { expect, type Page } from '@playwright/test';
import { principalFor } from '../lib/auth/principal';
import { assignTenantMember, createTenant, findTenant, listUserTenants } from '../lib/tenants/tenants';
import { createUser, findUserBySignInName, getUserById } from '../lib/users/users';
import { createMember, MEMBER_PASSWORD, signIn, signInAsAdmin, snapshot, test, TEST_ADMIN, toasts, uniqueTag } from './support';

async function systemAdmin() {
  return await principalFor((await findUserBySignInName(TEST_ADMIN.email))!);
}

/** A tenant made directly in the database, as a system admin would. */
async function newTenant(slug: string, name: string) {
  const admin = await systemAdmin();
  return await createTenant({ slug, name }, { id: admin.user.id });
}

/** A user with a password, a member of the tenant with the given role. */
async function newMemberOf(tenantId: string, tag: string, firstName: string, role: 'user' | 'admin' = 'user') {
  const user = await createUser({ email: `${tag}-${firstName.toLowerCase()}@example.com`, password: MEMBER_PASSWORD, firstName, lastName: tag, tenantId });
  if (role === 'admin') {
    const admin = await systemAdmin();
    await assignTenantMember(admin, tenantId, user.id, 'admin', { id: admin.user.id });
  }
  return user;
}

const bodyRows = (page: Page) => page.locator('table tbody tr');
const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('a system admin creates a tenant, adds a member from the search, makes them admin and removes another', async ({ page }) => {
  const tag = uniqueTag('ten');
  await newTenant(`${tag}-taken`, `Taken ${tag}`);
  const joiner = await createUser({ email: `${tag}-jo@example.com`, firstName: 'Jo', lastName: tag });
  await signInAsAdmin(page);

  await mainNav(page).getByRole('link', { name: 'Tenants' }).click();
  await expect(page.getByRole('heading', { name: 'Tenants', level: 1 })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(`Acme ${tag}`);
  // The slug is suggested from the name until typed by hand.
  await expect(page.getByLabel('Slug')).toHaveValue(`acme-${tag}`);
  await page.getByLabel('Slug').fill(`${tag}-taken`);
  await page.getByRole('button', { name: 'Create tenant' }).click();
  await expect(page.getByLabel('Slug')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Slug')).toHaveAccessibleDescription(/Another tenant already has this slug\./);
  await snapshot(page, 'tenants-duplicate-slug');

  const slug = `${tag}-acme`;
  await page.getByLabel('Slug').fill(slug);
  await page.getByRole('button', { name: 'Create tenant' }).click();
  await expect(page).toHaveURL(new RegExp(`/tenants/${slug}\\?created=1$`));
  await expect(page.getByRole('heading', { name: `Acme ${tag}`, level: 1 })).toBeVisible();
  await expect(page.getByText('No members yet')).toBeVisible();
  await snapshot(page, 'tenant-no-members');

  // Someone who is already a member, to remove later.
  const leaver = await newMemberOf((await findTenant(slug))!.id, tag, 'Lee');
  await page.reload();
  await expect(bodyRows(page)).toHaveCount(1);

  const results = page.getByRole('list', { name: 'Matching users' });
  await page.getByLabel('Find a user').fill(tag);
  await expect(results.getByRole('listitem').filter({ hasText: leaver.email })).toContainText('Already a member');
  await results.getByRole('button', { name: `Add Jo ${tag}` }).click();
  await expect(results.getByRole('listitem').filter({ hasText: joiner.email })).toContainText('Added as user.');
  await expect(page.getByRole('row', { name: new RegExp(joiner.email) })).toBeVisible();
  await expect(bodyRows(page)).toHaveCount(2);
  await snapshot(page, 'tenant-add-member');

  const role = page.getByLabel(`Tenant role of Jo ${tag}`);
  await expect(role).toHaveValue('user');
  await role.selectOption('admin');
  await expect(page.getByRole('row', { name: new RegExp(joiner.email) }).getByRole('status')).toHaveText('Saved');
  await expect(page.getByText(`Slug ${slug} · 2 members · 1 admin`)).toBeVisible();

  await page.getByRole('button', { name: `Remove Lee ${tag}` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Remove Lee ${tag} from Acme ${tag}?` });
  await expect(dialog).toContainText('Their account stays');
  await snapshot(page, 'tenant-remove-member');
  await dialog.getByRole('button', { name: 'Remove from tenant' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(leaver.email) })).toBeHidden();

  await page.reload();
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(page.getByLabel(`Tenant role of Jo ${tag}`)).toHaveValue('admin');
  await snapshot(page, 'tenant-members');
  await page.setViewportSize({ width: 390, height: 844 });
  await snapshot(page, 'tenant-members-narrow');
  // Removed from the tenant, not deleted.
  await page.goto(`/users?pattern=${tag}-lee`);
  await expect(page.getByRole('row', { name: new RegExp(leaver.email) })).toContainText('None');
});

test('members search, sort and page; a hand-edited sort is explained', async ({ page }) => {
  const tag = uniqueTag('mem');
  const tenant = await newTenant(`${tag}-big`, `Big ${tag}`);
  for (const name of ['Cat', 'Abe', 'Bob']) await createUser({ email: `${tag}-${name.toLowerCase()}@example.com`, firstName: name, lastName: tag, tenantId: tenant.id });
  await signInAsAdmin(page);
  await page.goto(`/tenants/${tenant.slug}?limit=2`);

  const emailHeader = page.getByRole('columnheader', { name: 'Email' });
  await emailHeader.getByRole('link').click();
  await expect(emailHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(bodyRows(page).locator('td:nth-child(2)')).toHaveText([`${tag}-abe@example.com`, `${tag}-bob@example.com`]);
  await expect(page.getByTestId('members-range')).toHaveText('1–2 of 3');
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(bodyRows(page).locator('td:nth-child(2)')).toHaveText([`${tag}-cat@example.com`]);

  await page.getByLabel('Search members').fill(`${tag}-bob`);
  await expect(page).toHaveURL(/pattern=/);
  await expect(bodyRows(page)).toHaveCount(1);
  await page.getByLabel('Search members').fill('nobody-has-this-name');
  await expect(page.getByText('No members match “nobody-has-this-name”')).toBeVisible();
  await snapshot(page, 'tenant-members-no-match');

  await page.goto(`/tenants/${tenant.slug}?sort=colour:1`);
  const problem = page.getByRole('alert', { name: 'This list cannot be shown' });
  await expect(problem).toContainText('Unknown sort field "colour"');
  await snapshot(page, 'tenant-members-bad-url');
  await problem.getByRole('link', { name: 'Show all members' }).click();
  await expect(bodyRows(page)).toHaveCount(3);
});

test('a system admin renames a tenant, then deletes it: the memberships go, the users stay', async ({ page }) => {
  const tag = uniqueTag('del');
  const tenant = await newTenant(`${tag}-old`, `Old ${tag}`);
  const member = await createUser({ email: `${tag}-kay@example.com`, firstName: 'Kay', lastName: tag, tenantId: tenant.id });
  await signInAsAdmin(page);
  await page.goto('/tenants');

  await page.getByRole('button', { name: `Rename Old ${tag}` }).click();
  const rename = page.getByRole('dialog', { name: `Rename Old ${tag}` });
  await rename.getByLabel('Name').fill(`New ${tag}`);
  await rename.getByLabel('Slug').fill(`${tag}-new`);
  await rename.getByRole('button', { name: 'Save' }).click();
  await expect(rename).toBeHidden();
  const row = page.getByRole('row', { name: new RegExp(`New ${tag}`) });
  await expect(row).toContainText(`${tag}-new`);
  await expect(row.getByRole('cell').nth(2)).toHaveText('1');
  await snapshot(page, 'tenants-list');
  await page.setViewportSize({ width: 390, height: 844 });
  await snapshot(page, 'tenants-list-narrow');
  await page.setViewportSize({ width: 1280, height: 720 });

  await row.getByRole('button', { name: `Delete New ${tag}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Delete New ${tag}?` });
  await expect(confirm).toContainText('has 1 member. Their membership in this tenant will be removed; the users themselves stay');
  await snapshot(page, 'tenants-delete-confirm');
  await confirm.getByRole('button', { name: 'Delete tenant and memberships' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(`New ${tag}`) })).toBeHidden();
  expect(await getUserById(member.id)).toBeDefined();
  expect(await listUserTenants(member.id)).toEqual([]);
});

test('a tenant admin sees and manages only their tenant', async ({ page }) => {
  const tag = uniqueTag('tad');
  const mine = await newTenant(`${tag}-mine`, `Mine ${tag}`);
  const theirs = await newTenant(`${tag}-theirs`, `Theirs ${tag}`);
  const boss = await newMemberOf(mine.id, tag, 'Boss', 'admin');
  await newMemberOf(mine.id, tag, 'Mel');
  const stranger = await newMemberOf(theirs.id, tag, 'Stan');

  await page.goto('/sign-in');
  await signIn(page, boss.email, MEMBER_PASSWORD);
  await expect(page).toHaveURL(/\/users$/);
  await expect(mainNav(page).getByRole('link')).toHaveText(['Users', 'Tenants', 'Resources', 'Audit', 'Account']);

  await page.goto(`/users?pattern=${tag}`);
  await expect(bodyRows(page)).toHaveCount(2);
  await expect(page.getByRole('row', { name: new RegExp(`Mel ${tag}`) })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(stranger.email) })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Deletions' })).toBeHidden();
  await snapshot(page, 'tenant-admin-users');

  await page.getByRole('button', { name: `Actions for Mel ${tag}` }).click();
  await expect(page.getByRole('menuitem', { name: 'Delete…' })).toBeHidden();
  await page.getByRole('menuitem', { name: 'Suspend', exact: true }).click();
  await page.getByRole('alertdialog', { name: `Suspend Mel ${tag}?` }).getByRole('button', { name: 'Suspend' }).click();
  await expect(toasts(page).filter({ hasText: 'Suspended 1 user.' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`Mel ${tag}`) })).toContainText('suspended');

  // Answered as for an id that does not exist.
  await page.goto(`/users/${stranger.id}`);
  await expect(page.getByText('No such user')).toBeVisible();
  await expect(page.getByText(stranger.email)).toBeHidden();
  await snapshot(page, 'tenant-admin-other-tenant-user');
  await page.goto(`/tenants/${theirs.slug}`);
  await expect(page.getByText('No such tenant')).toBeVisible();

  await mainNav(page).getByRole('link', { name: 'Tenants' }).click();
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(page.getByRole('link', { name: `Mine ${tag}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create tenant' })).toBeHidden();
  await snapshot(page, 'tenant-admin-tenants');

  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
});

test('a tenant admin reads, but cannot change, a member who also belongs to another tenant', async ({ page }) => {
  const tag = uniqueTag('shr');
  const mine = await newTenant(`${tag}-mine`, `Mine ${tag}`);
  const theirs = await newTenant(`${tag}-theirs`, `Theirs ${tag}`);
  const boss = await newMemberOf(mine.id, tag, 'Boss', 'admin');
  const shared = await newMemberOf(mine.id, tag, 'Xena');
  const admin = await systemAdmin();
  await assignTenantMember(admin, theirs.id, shared.id, 'admin', { id: admin.user.id });

  await page.goto('/sign-in');
  await signIn(page, boss.email, MEMBER_PASSWORD);
  await expect(page).toHaveURL(/\/users$/);
  await page.goto(`/users/${shared.id}`);
  await expect(page.getByRole('heading', { name: `Xena ${tag}` })).toBeVisible();
  // Inside the main landmark: while a streamed page replaces its loading state, React briefly holds a hidden copy elsewhere.
  await expect(page.locator('#main').getByText('This user also belongs to a tenant you do not administer')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Resend invitation' })).toBeHidden();
  await snapshot(page, 'tenant-admin-shared-member');

  // Bulk suspend from the list names the refusal, and the member stays active.
  await page.goto(`/users?pattern=${tag}-xena`);
  await page.getByRole('button', { name: `Actions for Xena ${tag}` }).click();
  await page.getByRole('menuitem', { name: 'Suspend', exact: true }).click();
  await page.getByRole('alertdialog', { name: `Suspend Xena ${tag}?` }).getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByText(/tenant you do not administer/).first()).toBeVisible();
  expect((await getUserById(shared.id))!.status).toBe('active');
});

test('a tenant admin creates a user inside their tenant, without choosing scopes', async ({ page }) => {
  const tag = uniqueTag('tnu');
  const mine = await newTenant(`${tag}-mine`, `Mine ${tag}`);
  const boss = await newMemberOf(mine.id, tag, 'Boss', 'admin');
  await page.goto('/sign-in');
  await signIn(page, boss.email, MEMBER_PASSWORD);
  await expect(page).toHaveURL(/\/users$/);

  await page.getByRole('link', { name: 'New user' }).click();
  // Their only tenant is chosen for them; scopes, role, vendors and plan are a system admin's.
  await expect(page.getByLabel('Tenant')).toHaveValue(mine.slug);
  await expect(page.getByLabel('Scopes')).toBeHidden();
  await snapshot(page, 'tenant-admin-new-user');
  await page.getByLabel('Email').fill(`${tag}-nia@example.com`);
  await page.getByLabel('First name').fill('Nia');
  await page.getByLabel('Last name').fill(tag);
  await page.getByRole('button', { name: 'Create user' }).click();

  await expect(page.getByRole('heading', { name: `Nia ${tag}`, level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'About this user' })).toContainText(`Mine ${tag} (user)`);
  await expect(page.getByRole('button', { name: 'Delete user' })).toBeHidden();
  // Setting passwords is a system admin's; resending the invitation is theirs too.
  await expect(page.getByRole('button', { name: 'Set a password…' })).toBeHidden();
  await page.getByRole('button', { name: 'Resend invitation' }).click();
  await expect(page.getByText(`A new invitation was mailed to ${tag}-nia@example.com.`)).toBeVisible();
  await snapshot(page, 'tenant-admin-user-page');
});

test('a plain user gets the 403 page on /users and /tenants', async ({ page }) => {
  const member = await createMember(`${uniqueTag('plain')}@example.com`);
  await page.goto('/sign-in');
  await signIn(page, member.email, MEMBER_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  for (const path of ['/users', '/tenants']) {
    expect((await page.goto(path))?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
  }
});
