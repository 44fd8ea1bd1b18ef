import { expect, type Page } from '@playwright/test';
import { cancelDeletion } from '../lib/deletion/requests';
import { createUser, findUserBySignInName, getUserById } from '../lib/users/users';
import { holdDeletion, releaseDeletion } from '../tests/support/held-deletion';
import { createMember, serverDb, signInAsAdmin, snapshot, test, TEST_ADMIN, uniqueTag } from './support';

/** Active users named "<first> <tag>" with emails "<tag>-<first>@example.com". */
async function createUsers(tag: string, firstNames: string[]) {
  const created = [];
  for (const firstName of firstNames) {
    created.push(await createUser({ email: `${tag}-${firstName.toLowerCase()}@example.com`, firstName, lastName: tag }));
  }
  return created;
}

async function search(page: Page, pattern: string) {
  await page.getByLabel('Search').fill(pattern);
  await expect(page).toHaveURL(new RegExp(`pattern=${pattern}`));
}

const confirmField = (page: Page) => page.getByRole('alertdialog').getByLabel(/to confirm/);

test.beforeEach(async ({ page }) => {
  await signInAsAdmin(page);
});

test('deletes a user from their page after typing their email, and follows the progress to the end', async ({ page }) => {
  const tag = uniqueTag('del');
  const email = `${tag}@example.com`;
  const member = await createMember(email);
  await page.goto(`/users/${member.id}`);

  // Escape closes the dialog and nothing happens.
  await page.getByRole('button', { name: 'Delete user' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete Mia Member?' });
  await expect(dialog).toBeVisible();
  await expect(confirmField(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect((await getUserById(member.id))?.status).toBe('active');

  await page.getByRole('button', { name: 'Delete user' }).click();
  const confirm = dialog.getByRole('button', { name: 'Delete user' });
  await expect(confirm).toBeDisabled();
  await confirmField(page).fill('someone-else@example.com');
  await expect(confirm).toBeDisabled();
  // Any case will do.
  await confirmField(page).fill(email.toUpperCase());
  await expect(confirm).toBeEnabled();
  await snapshot(page, 'delete-user-dialog');
  await confirm.click();

  await expect(page).toHaveURL(new RegExp(`/users/${member.id}/deletion/[0-9a-f-]{36}\\?name=Mia%20Member$`));
  const ticket = new URL(page.url()).pathname.split('/').pop()!;
  const bar = page.getByRole('progressbar', { name: 'Deleting Mia Member' });
  await expect(bar).toBeVisible();
  // Generous: the e2e server pauses between batches, so the steps take seconds.
  // Inside the main landmark: while a streamed page replaces its loading state, React briefly holds a hidden copy elsewhere.
  const main = page.locator('#main');
  await expect(main.getByText('Mia Member was deleted.')).toBeVisible({ timeout: 20_000 });
  await expect(bar).toHaveAttribute('aria-valuenow', await bar.getAttribute('aria-valuemax') ?? '');
  await expect(page.getByRole('button', { name: 'Cancel deletion' })).toBeHidden();
  await snapshot(page, 'deletion-progress');
  expect(await getUserById(member.id)).toBeUndefined();

  // The job outlives the user: its page still says how it ended.
  await page.reload();
  await expect(main.getByText('Mia Member was deleted.')).toBeVisible();
  await page.goto(`/users/${member.id}/deletion/${ticket}`);
  await expect(main.getByText('The user was deleted.')).toBeVisible();

  await page.getByRole('link', { name: 'Back to users' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await search(page, tag);
  await expect(page.getByText(`No users match “${tag}”`)).toBeVisible();

  // The Deletions page lists the job.
  await page.goto('/users');
  await page.getByRole('link', { name: 'Deletions' }).click();
  await expect(page.getByRole('heading', { name: 'Deletions' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: member.id });
  await expect(row).toContainText('Deleted user');
  await expect(row).toContainText('deleted');
  await row.getByRole('link', { name: /Details/ }).click();
  await expect(page).toHaveURL(new RegExp(`/deletion/${ticket}$`));
});

test('the row menu offers Delete, and deleting yourself is refused in the dialog', async ({ page }) => {
  const admin = (await findUserBySignInName(TEST_ADMIN.email))!;
  await search(page, TEST_ADMIN.email.split('@')[0]);
  await page.getByRole('row', { name: new RegExp(TEST_ADMIN.email) }).getByRole('button', { name: /^Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await confirmField(page).fill(TEST_ADMIN.email);
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete user' }).click();
  await expect(page.getByRole('alertdialog').getByRole('alert')).toContainText('You cannot delete your own account');
  expect((await getUserById(admin.id))?.status).toBe('active');
});

test('deletes a user from the table’s row menu: the bar moves, completes, and the user leaves the list', async ({ page }) => {
  const tag = uniqueTag('rdel');
  const [user] = await createUsers(tag, ['Ro']);
  await search(page, tag);
  await page.getByRole('button', { name: `Actions for Ro ${tag}` }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await confirmField(page).fill(user.email);
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete user' }).click();

  const bar = page.getByRole('progressbar', { name: `Deleting Ro ${tag}` });
  await expect(bar).toBeVisible();
  // The e2e server pauses between batches, so the bar is seen part-way and then further on.
  await expect(bar).toHaveAttribute('aria-valuenow', /^[1-7]$/);
  const partWay = Number(await bar.getAttribute('aria-valuenow'));
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(partWay);
  await expect(page.getByText(`Ro ${tag} was deleted.`)).toBeVisible({ timeout: 20_000 });

  await page.getByRole('link', { name: 'Back to users' }).click();
  await search(page, tag);
  await expect(page.getByText(`No users match “${tag}”`)).toBeVisible();
  expect(await getUserById(user.id)).toBeUndefined();
});

test('a deleting user’s page links to the running deletion', async ({ page }) => {
  const tag = uniqueTag('ban');
  const [user] = await createUsers(tag, ['Bo']);
  // Held, so the deletion is still running whenever the page is read.
  const ticket = await holdDeletion(serverDb(), user.id);
  await page.goto(`/users/${user.id}`);
  await expect(page.getByRole('link', { name: 'Follow the deletion' })).toHaveAttribute('href', `/users/${user.id}/deletion/${ticket}`);
  await snapshot(page, 'user-deleting-banner');
  await cancelDeletion(user.id, ticket, { id: (await findUserBySignInName(TEST_ADMIN.email))!.id });
});

test('deletes two selected users at once and shows their progress together', async ({ page }) => {
  const tag = uniqueTag('bdel');
  const [kim, lee, max] = await createUsers(tag, ['Kim', 'Lee', 'Max']);
  await search(page, tag);
  await page.getByRole('checkbox', { name: `Select Kim ${tag}` }).check();
  await page.getByRole('checkbox', { name: `Select Lee ${tag}` }).check();
  await page.getByRole('region', { name: 'Selected users' }).getByRole('button', { name: 'Delete selected…' }).click();

  const dialog = page.getByRole('alertdialog', { name: 'Delete 2 users?' });
  const confirm = dialog.getByRole('button', { name: 'Delete 2 users' });
  await expect(confirm).toBeDisabled();
  await confirmField(page).fill('3');
  await expect(confirm).toBeDisabled();
  await confirmField(page).fill('2');
  await expect(confirm).toBeEnabled();
  await snapshot(page, 'bulk-delete-dialog');
  await confirm.click();

  await expect(page).toHaveURL(/\/users\/deletions\?tickets=[0-9a-f-]+,[0-9a-f-]+$/);
  const rows = page.locator('table tbody tr');
  await expect(rows).toHaveCount(2);
  // The page refreshes itself until both are done.
  await expect(rows.filter({ hasText: 'Deleted user' })).toHaveCount(2, { timeout: 40_000 });
  await snapshot(page, 'deletions-page');
  expect(await Promise.all([kim, lee, max].map(async (user) => (await getUserById(user.id))?.status))).toEqual([undefined, undefined, 'pending']);
});

test('a bulk delete that includes yourself starts the others and says who was not deleted', async ({ page }) => {
  const tag = uniqueTag('bself');
  const other = await createUser({ email: `${tag}@example.com`, firstName: 'Ada', lastName: tag, scope: ['admin'] });
  // The admins: this test's and the signed-in one.
  await page.goto(`/users?filter=${encodeURIComponent('scope:admin')}`);
  await expect(page.getByRole('row', { name: new RegExp(`Ada ${tag}`) })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select all users on this page' }).check();
  await page.getByRole('region', { name: 'Selected users' }).getByRole('button', { name: 'Delete selected…' }).click();
  await confirmField(page).fill('delete');
  await page.getByRole('alertdialog').getByRole('button', { name: /^Delete \d+ users?$/ }).click();

  const result = page.getByRole('dialog', { name: /^Deleting 1 user/ });
  await expect(result.getByRole('alert')).toContainText('You cannot delete your own account');
  await snapshot(page, 'bulk-delete-refused');
  await result.getByRole('link', { name: 'Show progress' }).click();
  await expect(page).toHaveURL(/\/users\/deletions\?tickets=[0-9a-f-]+$/);
  await expect(page.locator('table tbody tr')).toHaveCount(1);
  await expect(page.locator('table tbody tr')).toContainText('Deleted user', { timeout: 20_000 });
  expect(await getUserById(other.id)).toBeUndefined();
  expect((await findUserBySignInName(TEST_ADMIN.email))?.status).toBe('active');
});

test('the Deletions page says when there is nothing to show', async ({ page }) => {
  await page.goto('/users/deletions?tickets=no-such-ticket');
  await expect(page.getByText('These deletions were not found')).toBeVisible();
});

test('cancels a running deletion; the user ends suspended', async ({ page }) => {
  const tag = uniqueTag('cncl');
  const [user] = await createUsers(tag, ['Cy']);
  // Held after its third step, so the page shows that one moment however fast the worker is.
  const ticket = await holdDeletion(serverDb(), user.id, { stepsDone: 3 });
  await page.goto(`/users/${user.id}/deletion/${ticket}`);
  const bar = page.getByRole('progressbar', { name: `Deleting Cy ${tag}` });
  await expect(bar).toHaveAttribute('aria-valuenow', '3');
  // Inside the page's main landmark: while the streamed page replaces its loading state, React
  // briefly holds a hidden second copy of it elsewhere in the document.
  const main = page.locator('#main');
  await expect(main.getByText('Removing tenant memberships')).toBeVisible();
  await snapshot(page, 'deletion-progress-running');
  await page.goto('/users/deletions');
  await expect(page.getByRole('row').filter({ hasText: `Cy ${tag}` })).toContainText('in progress');
  await snapshot(page, 'deletions-page-running');
  await page.goBack();
  await page.getByRole('button', { name: 'Cancel deletion' }).click();
  await expect(main.getByText('Cancelling after the current step…')).toBeVisible();
  expect((await getUserById(user.id))?.status).toBe('deleting');

  // The worker takes the job over and stops it before another step.
  await releaseDeletion(serverDb(), ticket);
  await expect(main.getByText('Cancelled: the user is suspended; what was already removed stays removed.')).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuenow', '3');
  await snapshot(page, 'deletion-progress-cancelled');
  expect((await getUserById(user.id))?.status).toBe('suspended');
});
