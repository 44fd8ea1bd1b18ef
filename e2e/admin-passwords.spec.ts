import { expect, type Browser, type Page } from '@playwright/test';
import { listRecentMail } from '../lib/mail/outbox';
import { updatePasswordPolicy } from '../lib/passwords/policy-settings';
import { DEFAULT_PASSWORD_POLICY } from '../lib/passwords/rules';
import { sendPasswordResetLink } from '../lib/passwords/reset';
import { createUserByAdmin } from '../lib/auth/sign-up';
import { createUser, findUserBySignInName } from '../lib/users/users';
import { startServer, type RunningServer } from '../tests/support/server';
import { createMember, linkIn, signIn, signInAsAdmin, snapshot, test, TEST_ADMIN, uniqueTag, waitForMailTo, waitingForReveal } from './support';

/** The test admin, as the actor of changes made directly through lib/. */
async function adminActor() {
  return { id: (await findUserBySignInName(TEST_ADMIN.email))!.id };
}

/** A browser with nobody signed in: the invited or reset user, on their own machine. */
async function anonymousPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  return waitingForReveal(await context.newPage());
}

const passwordPanel = (page: Page) => page.getByRole('region', { name: 'Password' });
const NARROW = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 720 };

test.beforeEach(async ({ page }) => {
  await signInAsAdmin(page);
});

test('an admin invites a new user, who chooses a password from the mailed link', async ({ page, browser }) => {
  const tag = uniqueTag('inv');
  const email = `${tag}@example.com`;
  await page.goto('/users/new');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('First name').fill('Ivy');
  await page.getByLabel('Last name').fill(tag);
  const invite = page.getByLabel('Send an invitation');
  await expect(invite).toBeChecked();
  // With a password there is nobody to invite: the box goes away.
  await page.getByLabel('Password').fill('x');
  await expect(invite).toBeHidden();
  await page.getByLabel('Password').fill('');
  await expect(invite).toBeChecked();
  await snapshot(page, 'new-user-invite');

  const since = Date.now();
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('heading', { name: `Ivy ${tag}` })).toBeVisible();
  await expect(page.getByText(`They stay pending until they set a password. Invitation sent to ${email}.`)).toBeVisible();
  await expect(passwordPanel(page).getByText('Invitation pending')).toBeVisible();
  await expect(passwordPanel(page).getByRole('button', { name: 'Resend invitation' })).toBeVisible();
  await snapshot(page, 'user-pending-invited');

  const mail = await waitForMailTo(email, /invited/, { since });
  const link = linkIn(mail, '/accept-invite');
  expect(link.searchParams.get('code')).toBeTruthy();

  const invitee = await anonymousPage(browser);
  const password = 'velvet harbour 93 kites';
  await invitee.goto(link.pathname + link.search);
  await invitee.getByLabel('New password', { exact: true }).fill(password);
  await invitee.getByLabel('Confirm new password').fill(password);
  await invitee.getByRole('button', { name: 'Set password' }).click();
  await expect(invitee.getByRole('heading', { name: 'Your password is set' })).toBeVisible();
  await invitee.getByRole('link', { name: 'Sign in' }).click();
  await signIn(invitee, email, password);
  await expect(invitee).toHaveURL(/\/account$/);
  await invitee.context().close();

  // On the admin's side the invitation is over: the user is active, a reset link is offered.
  await page.reload();
  await expect(passwordPanel(page).getByRole('button', { name: 'Email a reset link' })).toBeEnabled();
  await expect(passwordPanel(page).getByText('Invitation pending')).toBeHidden();
});

test('unticking the invitation creates a pending user without mailing them', async ({ page }) => {
  const tag = uniqueTag('noinv');
  const email = `${tag}@example.com`;
  await page.goto('/users/new');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Send an invitation').uncheck();
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByText('No invitation was sent yet')).toBeVisible();
  await expect(passwordPanel(page).getByText('Invitation pending')).toBeVisible();
  // The mail would have been queued in the same transaction as the user.
  expect((await listRecentMail({ limit: 100 })).items.filter((mail) => mail.to === email)).toEqual([]);
});

test('resending an invitation mails a new link, and the old one stops working', async ({ page, request }) => {
  const tag = uniqueTag('resend');
  const email = `${tag}@example.com`;
  const since = Date.now();
  const user = await createUserByAdmin({ email, firstName: 'Rex', lastName: tag }, await adminActor());
  const firstCode = linkIn(await waitForMailTo(email, /invited/, { since }), '/accept-invite').searchParams.get('code')!;

  await page.goto(`/users/${user.id}`);
  const resentAt = Date.now();
  await passwordPanel(page).getByRole('button', { name: 'Resend invitation' }).click();
  await expect(passwordPanel(page).getByRole('status')).toHaveText(`A new invitation was mailed to ${email}. The earlier link no longer works.`);
  await snapshot(page, 'user-invitation-resent');

  const secondCode = linkIn(await waitForMailTo(email, /invited/, { since: resentAt }), '/accept-invite').searchParams.get('code')!;
  expect(secondCode).not.toBe(firstCode);
  const withOldCode = await request.post('/api/v1/invitations/accept', { data: { code: firstCode, password: 'copper meadow 41 lanterns' } });
  expect(withOldCode.status()).toBe(400);
});

test('an admin mails an active user a reset link; a suspended user is told why not', async ({ page }) => {
  const tag = uniqueTag('reset');
  const member = await createMember(`${tag}@example.com`);
  await page.goto(`/users/${member.id}`);
  const since = Date.now();
  await passwordPanel(page).getByRole('button', { name: 'Email a reset link' }).click();
  await expect(passwordPanel(page).getByRole('status')).toContainText(`A reset link was mailed to ${member.email}.`);
  await snapshot(page, 'user-reset-link-sent');
  const mail = await waitForMailTo(member.email, /Reset your/, { since });
  expect(linkIn(mail, '/reset-password').searchParams.get('code')).toBeTruthy();

  const suspended = await createUser({ email: `${tag}-away@example.com`, firstName: 'Sam', lastName: tag, status: 'suspended' });
  await page.setViewportSize(NARROW);
  await page.goto(`/users/${suspended.id}`);
  const resetButton = passwordPanel(page).getByRole('button', { name: 'Email a reset link' });
  await expect(resetButton).toBeDisabled();
  await expect(resetButton).toHaveAccessibleDescription('This user is suspended, so a reset link would not let them sign in. Set their status to active first.');
  await passwordPanel(page).scrollIntoViewIfNeeded();
  await snapshot(page, 'user-suspended-narrow');
});

test('an admin sets a password: a common one is refused beside the field, a good one lets the user in', async ({ page, browser }) => {
  const member = await createMember(`${uniqueTag('setpw')}@example.com`);
  await page.goto(`/users/${member.id}`);
  await passwordPanel(page).getByRole('button', { name: 'Set a password…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set a password for Mia Member' });
  await expect(dialog).toContainText('Their sessions end at once');
  const field = dialog.getByLabel('New password');
  await expect(field).toBeFocused();
  await snapshot(page, 'set-password-dialog');

  await field.fill('password1234');
  await dialog.getByRole('button', { name: 'Set password' }).click();
  const refusal = dialog.getByText('This password is too common or too easy to guess.', { exact: false });
  await expect(refusal).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/too common/);
  await snapshot(page, 'set-password-dialog-refused');
  await page.setViewportSize(NARROW);
  await snapshot(page, 'set-password-dialog-narrow');
  await page.setViewportSize(DESKTOP);

  const password = 'amber quarry 27 sailing owls';
  await field.fill(password);
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expect(dialog).toBeHidden();
  await expect(passwordPanel(page).getByRole('status')).toContainText('The password was set.');
  await snapshot(page, 'user-password-set');

  const user = await anonymousPage(browser);
  await user.goto('/sign-in');
  await signIn(user, member.email, password);
  await expect(user).toHaveURL(/\/account$/);
  await user.context().close();
});

test('a stricter policy saved on Settings applies when an admin sets a password', async ({ page }) => {
  const member = await createMember(`${uniqueTag('policy')}@example.com`);
  try {
    await page.goto('/settings');
    // Inside the main landmark: while a streamed page replaces its loading state, React briefly holds a hidden copy elsewhere.
    const main = page.locator('#main');
    await expect(main.getByRole('heading', { name: 'Password policy' })).toBeVisible();
    const minLength = main.getByLabel('Minimum length');
    const preview = main.getByTestId('policy-preview');
    await expect(minLength).toHaveValue('12');
    await snapshot(page, 'settings-password-policy');
    await page.setViewportSize(NARROW);
    await snapshot(page, 'settings-password-policy-narrow');
    await page.setViewportSize(DESKTOP);

    // Out of bounds: said beside the field, nothing saved.
    await minLength.fill('5');
    await main.getByRole('button', { name: 'Save policy' }).click();
    await expect(main.getByText('The minimum length must be at least 8.')).toBeVisible();
    await expect(minLength).toHaveAttribute('aria-invalid', 'true');
    await snapshot(page, 'settings-password-policy-error');

    await minLength.fill('14');
    await main.getByLabel('A digit').check();
    await expect(preview).toContainText('14 to 128 characters');
    await expect(preview).toContainText('At least a digit.');
    await main.getByRole('button', { name: 'Save policy' }).click();
    await expect(main.getByText('Password policy saved.')).toBeVisible();
    await page.reload();
    await expect(minLength).toHaveValue('14');
    await expect(main.getByLabel('A digit')).toBeChecked();

    await page.goto(`/users/${member.id}`);
    await passwordPanel(page).getByRole('button', { name: 'Set a password…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set a password for Mia Member' });
    await expect(dialog).toContainText('At least a digit.');
    const field = dialog.getByLabel('New password');
    await field.fill('no numbers in this long passphrase');
    await dialog.getByRole('button', { name: 'Set password' }).click();
    await expect(dialog.getByText('Include a digit.')).toBeVisible();
    await expect(field).toHaveAccessibleDescription(/Include a digit\./);
    await snapshot(page, 'set-password-dialog-policy');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Back to the default, through the form.
    await page.goto('/settings');
    await minLength.fill(String(DEFAULT_PASSWORD_POLICY.minLength));
    await main.getByLabel('A digit').uncheck();
    await main.getByRole('button', { name: 'Save policy' }).click();
    await expect(main.getByText('Password policy saved.')).toBeVisible();
    await expect(preview).not.toContainText('digit');
  } finally {
    // Other specs share this server: leave the default policy even if a step above failed.
    await updatePasswordPolicy(DEFAULT_PASSWORD_POLICY, await adminActor());
  }
});

test.describe('on a server of its own', () => {
  // The environment is read at start, and the shared server pins nothing; its fresh database
  // has mailed nothing whichever specs ran before. The pins must suit TEST_ADMIN's password,
  // which the server checks when it creates the admin.
  let server: RunningServer;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startServer({ env: { PASSWORD_MIN_LENGTH: '16', PASSWORD_REQUIRED_CLASSES: 'lowercase,symbol' } });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  async function signedInAsAdmin(browser: Browser): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url });
    const page = waitingForReveal(await context.newPage());
    await page.goto('/sign-in');
    await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
    await expect(page).toHaveURL(/\/users$/);
    return page;
  }

  test('the mail page says so when no mail was sent yet', async ({ browser }) => {
    const page = await signedInAsAdmin(browser);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Mail' }).click();
    await expect(page).toHaveURL(/\/settings\/mail$/);
    await expect(page.getByText('No mail sent yet')).toBeVisible();
    await snapshot(page, 'mail-empty');
    await page.context().close();
  });

  test('values pinned by the environment are shown read-only, with where to change them', async ({ browser }) => {
    const page = await signedInAsAdmin(browser);
    await page.goto('/settings');
    const minLength = page.getByLabel('Minimum length');
    await expect(minLength).toHaveValue('16');
    await expect(minLength).toHaveJSProperty('readOnly', true);
    await expect(minLength).toHaveAccessibleDescription(/Set by PASSWORD_MIN_LENGTH in the server’s environment/);
    const symbol = page.getByLabel('A symbol or punctuation mark');
    await expect(symbol).toBeChecked();
    await expect(symbol).toBeDisabled();
    await expect(page.getByLabel('A digit')).not.toBeChecked();
    await expect(page.getByText('Set by PASSWORD_REQUIRED_CLASSES in the server’s environment')).toBeVisible();
    await expect(page.getByTestId('policy-preview')).toContainText('16 to 128 characters');
    await expect(page.getByRole('button', { name: 'Save policy' })).toBeDisabled();
    await snapshot(page, 'settings-password-policy-pinned');

    // Without SMTP_URL mail is printed to the log, and the mail page says so.
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Mail' }).click();
    await expect(page.getByText('SMTP_URL is not set, so mail is printed to the server log instead of sent.')).toBeVisible();
    await page.context().close();
  });
});

test('the mail page lists sent mail with its status and never a code', async ({ page }) => {
  const tag = uniqueTag('mail');
  const since = Date.now();
  const invited = await createUserByAdmin({ email: `${tag}-invited@example.com` }, await adminActor());
  const member = await createMember(`${tag}-member@example.com`);
  await sendPasswordResetLink(member.id, await adminActor());
  await waitForMailTo(invited.email, /invited/, { since });
  await waitForMailTo(member.email, /Reset your/, { since });

  await page.goto('/settings/mail');
  const invitationRow = page.getByRole('row', { name: new RegExp(invited.email) });
  const resetRow = page.getByRole('row', { name: new RegExp(member.email) });
  await expect(invitationRow).toContainText('You are invited to Gatehouse');
  await expect(resetRow).toContainText('Reset your Gatehouse password');
  // Delivered once the SMTP server took it; the page may have been rendered a moment before.
  await expect(async () => {
    await page.reload();
    await expect(invitationRow.getByText('sent', { exact: true })).toBeVisible({ timeout: 1000 });
    await expect(resetRow.getByText('sent', { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass();

  await invitationRow.getByText('Show text').click();
  await expect(invitationRow).toContainText('[Choose your password: link sent to the recipient only]');
  await expect(invitationRow.getByRole('link')).toHaveCount(0);
  expect(await page.content()).not.toContain('code=');
  await snapshot(page, 'mail-list');

  // On a phone the table scrolls inside its own box; the page itself does not scroll sideways.
  await page.setViewportSize(NARROW);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(NARROW.width);
  await snapshot(page, 'mail-list-narrow');
});

test('the mail page pages through the outbox, and says what is wrong with a hand-edited address', async ({ page }) => {
  const tag = uniqueTag('paging');
  const since = Date.now();
  for (const name of ['first', 'second']) {
    const { email } = await createUserByAdmin({ email: `${tag}-${name}@example.com` }, await adminActor());
    await waitForMailTo(email, /invited/, { since });
  }
  await page.goto('/settings/mail?limit=1');
  // Inside the main landmark: while a streamed page replaces its loading state, React briefly holds a hidden copy elsewhere.
  const main = page.locator('#main');
  const range = main.getByTestId('mail-range');
  await expect(range).toHaveText(/^1–1 of \d+$/);
  // Newest first.
  await expect(main.getByRole('row', { name: new RegExp(`${tag}-second`) })).toBeVisible();
  await main.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/limit=1&offset=1/);
  await expect(range).toHaveText(/^2–2 of \d+$/);
  await expect(main.getByRole('row', { name: new RegExp(`${tag}-first`) })).toBeVisible();
  await main.getByRole('link', { name: 'Previous' }).click();
  await expect(range).toHaveText(/^1–1 of \d+$/);

  await page.goto('/settings/mail?offset=100000');
  await expect(main.getByText('No mail on this page')).toBeVisible();

  await page.goto('/settings/mail?limit=lots');
  const problem = main.getByRole('alert', { name: 'This page of mail cannot be shown' });
  await expect(problem).toContainText('limit must be a number.');
  await snapshot(page, 'mail-bad-address');
  await problem.getByRole('link', { name: 'Show the latest mail' }).click();
  await expect(range).toBeVisible();
});
