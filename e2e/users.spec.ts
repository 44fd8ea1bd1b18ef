import { expect, type Page } from '@playwright/test';
import { createUser, getUserById } from '../lib/users/users';
import { signInAsAdmin, snapshot, test, TEST_ADMIN, toasts, uniqueTag, waitingForReveal } from './support';

/** Active users named "<first> <tag>" with emails "<tag>-<first>@example.com" (no password: fast to create). */
async function createUsers(tag: string, firstNames: string[], status: 'active' | 'suspended' = 'active') {
  const created = [];
  for (const firstName of firstNames) {
    created.push(await createUser({ email: `${tag}-${firstName.toLowerCase()}@example.com`, firstName, lastName: tag, status }));
  }
  return created;
}

const bodyRows = (page: Page) => page.locator('table tbody tr');

async function search(page: Page, pattern: string) {
  await page.getByLabel('Search').fill(pattern);
  await expect(page).toHaveURL(new RegExp(`pattern=${pattern}`));
}

test.beforeEach(async ({ page }) => {
  await signInAsAdmin(page);
});

test('search narrows the table and survives a reload', async ({ page }) => {
  const tag = uniqueTag('srch');
  await createUsers(tag, ['Ann', 'Ben']);
  await createUsers(uniqueTag('other'), ['Cy']);

  await search(page, tag);
  await expect(bodyRows(page)).toHaveCount(2);
  await expect(page.getByRole('link', { name: `Ann ${tag}` })).toBeVisible();
  await expect(page.getByTestId('users-range')).toHaveText('1–2 of 2');
  await snapshot(page, 'users-list');

  await page.reload();
  await expect(page.getByLabel('Search')).toHaveValue(tag);
  await expect(bodyRows(page)).toHaveCount(2);
  await expect(page.getByRole('row', { name: new RegExp(`Ben ${tag}`) })).toContainText(`${tag}-ben@example.com`);
});

test('a search with no match shows the empty state, and its link clears it', async ({ page }) => {
  await search(page, 'nobody-has-this-name');
  await expect(page.getByText('No users match “nobody-has-this-name”')).toBeVisible();
  await snapshot(page, 'users-empty');
  await page.getByRole('link', { name: 'clear the search and filters' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByLabel('Search')).toHaveValue('');
  // Every user again (the first admin is on the last page by now, newest first).
  await expect(page.getByTestId('users-range')).toHaveText(/^1–\d+ of \d+$/);
});

test('sorting by a column header orders the rows, both ways', async ({ page }) => {
  const tag = uniqueTag('sort');
  await createUsers(tag, ['Bea', 'Abe', 'Cal']);
  await search(page, tag);
  const emailHeader = page.getByRole('columnheader', { name: 'Email' });
  const emails = page.locator('table tbody tr td:nth-child(3)');

  await emailHeader.getByRole('button').click();
  await expect(page).toHaveURL(/sort=email%3A1/);
  await expect(emailHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(emails).toHaveText([`${tag}-abe@example.com`, `${tag}-bea@example.com`, `${tag}-cal@example.com`]);

  await emailHeader.getByRole('button').click();
  await expect(emailHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(emails).toHaveText([`${tag}-cal@example.com`, `${tag}-bea@example.com`, `${tag}-abe@example.com`]);
});

test('pages forward and back', async ({ page }) => {
  const tag = uniqueTag('page');
  await createUsers(tag, Array.from({ length: 12 }, (_, i) => `P${String(i).padStart(2, '0')}`));
  await page.goto(`/users?pattern=${tag}&limit=10`);
  await expect(bodyRows(page)).toHaveCount(10);
  await expect(page.getByTestId('users-range')).toHaveText('1–10 of 12');
  await expect(page.getByRole('button', { name: 'Previous' })).toBeDisabled();

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(bodyRows(page)).toHaveCount(2);
  await expect(page.getByTestId('users-range')).toHaveText('11–12 of 12');
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();

  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(bodyRows(page)).toHaveCount(10);
  await expect(page.getByTestId('users-range')).toHaveText('1–10 of 12');

  await page.getByLabel('Rows per page').selectOption('30');
  await expect(bodyRows(page)).toHaveCount(12);
  await expect(page).not.toHaveURL(/limit=/);
});

test('filters by status', async ({ page }) => {
  const tag = uniqueTag('stat');
  await createUsers(tag, ['Active']);
  await createUsers(tag, ['Away'], 'suspended');
  await search(page, tag);
  await expect(bodyRows(page)).toHaveCount(2);

  await page.getByLabel('Status', { exact: true }).selectOption('suspended');
  await expect(page).toHaveURL(/filter=status%3Asuspended/);
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(bodyRows(page)).toContainText(`${tag}-away@example.com`);
  await expect(bodyRows(page)).toContainText('suspended');
});

test('a hand-edited URL with an unknown filter shows what is wrong', async ({ page }) => {
  await page.goto('/users?filter=colour:blue');
  const problem = page.getByRole('alert', { name: 'This list cannot be shown' });
  await expect(problem).toContainText('Unknown filter field "colour"');
  await problem.getByRole('link', { name: 'Show all users' }).click();
  await expect(page.getByTestId('users-range')).toHaveText(/^1–\d+ of \d+$/);
});

test('creates a user through the form, with errors beside the fields first', async ({ page }) => {
  const tag = uniqueTag('new');
  await page.getByRole('link', { name: 'New user' }).click();
  await expect(page.getByRole('heading', { name: 'New user' })).toBeVisible();

  // Checked in the browser, by the same schema as the API.
  await page.getByLabel('Email').fill('not an email');
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByText('Enter a valid email address.')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');

  // Checked on the server: a taken email, then a common password.
  await page.getByLabel('Email').fill(TEST_ADMIN.email);
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByText('Another user already has this email.')).toBeVisible();
  await page.getByLabel('Email').fill(`${tag}@example.com`);
  await page.getByLabel('Password').fill('password1234');
  await page.getByRole('button', { name: 'Create user' }).click();
  const passwordError = page.getByText('This password is too common or too easy to guess.', { exact: false });
  await expect(passwordError).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-describedby', /user-password-error/);
  await snapshot(page, 'new-user-error');

  await page.getByLabel('Password').fill('');
  await page.getByLabel('First name').fill('Nora');
  await page.getByLabel('Last name').fill(tag);
  await page.getByLabel('Scopes').fill('tester');
  await page.getByLabel('Scopes').press('Enter');
  await expect(page.getByRole('button', { name: 'Remove scope tester' })).toBeVisible();
  await page.getByLabel('Metadata (JSON)').fill('{"team": "blue"}');
  await page.getByRole('button', { name: 'Create user' }).click();

  await expect(page.getByRole('heading', { name: `Nora ${tag}` })).toBeVisible();
  await expect(page.getByText('User created. They stay pending until they set a password.')).toBeVisible();

  await page.goto(`/users?pattern=${tag}`);
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(bodyRows(page)).toContainText('pending');
  await expect(bodyRows(page)).toContainText('tester');
});

test('edits a user and sees the change', async ({ page }) => {
  const tag = uniqueTag('edit');
  const [user] = await createUsers(tag, ['Olga']);
  await search(page, tag);
  await page.getByRole('link', { name: `Olga ${tag}` }).click();
  await expect(page.getByRole('heading', { name: `Olga ${tag}` })).toBeVisible();
  await expect(page.getByText(user.id)).toBeVisible();

  await page.getByLabel('First name').fill('Olivia');
  await page.getByLabel('Time zone').fill('Europe/Paris');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Olivia ${tag}` })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('First name')).toHaveValue('Olivia');
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Paris');
});

test('a second tab saving a stale copy sees the conflict, not an overwrite', async ({ page, context }) => {
  const tag = uniqueTag('race');
  const [user] = await createUsers(tag, ['Rita']);
  const first = page;
  const second = waitingForReveal(await context.newPage());
  await first.goto(`/users/${user.id}`);
  await second.goto(`/users/${user.id}`);

  await first.getByLabel('First name').fill('Rosa');
  await first.getByRole('button', { name: 'Save changes' }).click();
  await expect(first.getByText('Saved.')).toBeVisible();

  await second.getByLabel('Department').fill('Finance');
  await second.getByRole('button', { name: 'Save changes' }).click();
  const conflict = second.getByRole('alert', { name: 'Edit conflict' });
  await expect(conflict).toContainText('Someone else saved this user');
  await expect(conflict.getByRole('row', { name: /First name/ })).toContainText('Rosa');
  await expect(conflict.getByRole('row', { name: /Department/ })).toContainText('Finance');
  await snapshot(second, 'edit-conflict');
  expect((await getUserById(user.id))?.department).toBeNull();

  await conflict.getByRole('button', { name: 'Discard my edit, load the saved version' }).click();
  await expect(second.getByLabel('First name')).toHaveValue('Rosa');
  await expect(second.getByLabel('Department')).toHaveValue('');
  await second.getByLabel('Department').fill('Finance');
  await second.getByRole('button', { name: 'Save changes' }).click();
  await expect(second.getByText('Saved.')).toBeVisible();
  expect(await getUserById(user.id)).toMatchObject({ firstName: 'Rosa', department: 'Finance' });
});

test('suspends two selected users at once', async ({ page }) => {
  const tag = uniqueTag('bulk');
  const [kim, lee, max] = await createUsers(tag, ['Kim', 'Lee', 'Max']);
  await search(page, tag);
  await page.getByRole('checkbox', { name: `Select Kim ${tag}` }).check();
  await page.getByRole('checkbox', { name: `Select Lee ${tag}` }).check();
  const selection = page.getByRole('region', { name: 'Selected users' });
  await expect(selection).toContainText('2 selected');

  await selection.getByRole('button', { name: 'Suspend selected' }).click();
  await page.getByRole('alertdialog', { name: 'Suspend 2 users?' }).getByRole('button', { name: 'Suspend' }).click();
  await expect(toasts(page).filter({ hasText: 'Suspended 2 users.' })).toBeVisible();
  await expect(selection).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(`Kim ${tag}`) })).toContainText('suspended');
  await expect(page.getByRole('row', { name: new RegExp(`Max ${tag}`) })).toContainText('active');
  expect(await Promise.all([kim, lee, max].map(async (user) => (await getUserById(user.id))?.status))).toEqual(['suspended', 'suspended', 'active']);

  // One row's menu does the same for one user.
  await page.getByRole('button', { name: `Actions for Kim ${tag}` }).click();
  await page.getByRole('menuitem', { name: 'Activate' }).click();
  await expect(toasts(page).filter({ hasText: 'Activated 1 user.' })).toBeVisible();
  expect((await getUserById(kim.id))?.status).toBe('active');
});

test('an unknown user id says so inside the admin pages', async ({ page }) => {
  await page.goto('/users/usr_doesnotexist');
  await expect(page.getByText('No such user')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('the list works on a narrow screen', async ({ page }) => {
  const tag = uniqueTag('narrow');
  await createUsers(tag, ['Nia', 'Ned', 'Noa']);
  await page.setViewportSize({ width: 390, height: 844 });
  await search(page, tag);
  await expect(bodyRows(page)).toHaveCount(3);
  // The table scrolls inside its own box; the page itself does not scroll sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snapshot(page, 'users-narrow');
  await page.goto('/users/new');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snapshot(page, 'new-user-narrow');
});
