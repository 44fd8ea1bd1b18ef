import { expect, type Locator, type Page } from '@playwright/test';
import { sendInvitation } from '../lib/passwords/invitations';
import { forgotPasswordAnswer } from '../lib/passwords/reset';
import { createUser } from '../lib/users/users';
import { createMember, expectSignInPage, linkIn, MEMBER_PASSWORD, outboxKindsTo, signIn, snapshot, test, uniqueTag, waitForMailTo, waitingForReveal } from './support';

const NEW_PASSWORD = 'lantern orchard 42 quietly';
const DEAD_RESET_LINK = 'This link is invalid or has expired, or it was already used. Ask for a new one.';

// Mailed links point at APP_URL, which the e2e server does not set: follow their path on this server.
const pathOf = (url: URL) => url.pathname + url.search;

const newPasswordField = (page: Page) => page.getByLabel('New password', { exact: true });
const confirmField = (page: Page) => page.getByLabel('Confirm new password', { exact: true });

/** The error text shown beside a field, found through the field's aria-describedby. */
async function expectFieldError(page: Page, field: Locator, message: string | RegExp) {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const errorId = (await field.getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-error'))!;
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText(message);
}

async function askForResetLink(page: Page, email: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(page.getByText(forgotPasswordAnswer())).toBeVisible();
}

async function expectSignedIn(page: Page) {
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
}

async function expectSignInRefused(page: Page) {
  await expect(page.getByRole('alert', { name: 'Sign-in error' })).toBeVisible();
  await expectSignInPage(page);
}

test('a forgotten password is reset through the mailed link, which then stops working', async ({ page }) => {
  const email = `${uniqueTag('reset')}@example.com`;
  await createMember(email);

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await snapshot(page, 'forgot-password');
  // A malformed address is refused beside the field, before anything is sent.
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expectFieldError(page, page.getByLabel('Email'), 'Enter a valid email address.');
  await snapshot(page, 'forgot-password-invalid-email');

  const since = Date.now();
  await askForResetLink(page, email);
  await snapshot(page, 'forgot-password-sent');
  const mail = await waitForMailTo(email, /Reset your Gatehouse password/, { since });
  const link = pathOf(linkIn(mail, '/reset-password'));

  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  // The rules are there before typing, none met yet.
  await expect(page.getByRole('listitem').filter({ hasText: '12 to 128 characters' })).toContainText('Not yet');
  await snapshot(page, 'reset-password');

  // A common password passes the length rule but the server refuses it, beside the field.
  await newPasswordField(page).fill('password1234');
  await expect(page.getByRole('listitem').filter({ hasText: '12 to 128 characters' })).toContainText('Done');
  await expect(page.getByText('Strength: weak')).toBeVisible();
  await confirmField(page).fill('password1234');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expectFieldError(page, newPasswordField(page), 'This password is too common or too easy to guess. Add more words or characters.');
  await snapshot(page, 'reset-password-common');

  await newPasswordField(page).fill(NEW_PASSWORD);
  await expect(page.getByRole('meter', { name: 'Password strength' })).toHaveAttribute('aria-valuetext', 'strong');
  await confirmField(page).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: 'Password changed' })).toBeVisible();
  await expect(page.getByText('every session of your account was ended')).toBeVisible();
  await snapshot(page, 'reset-password-done');

  // No automatic sign-in: the link goes to the sign-in page.
  await page.getByRole('link', { name: 'Sign in' }).click();
  await expectSignInPage(page);
  await signIn(page, email, MEMBER_PASSWORD);
  await expectSignInRefused(page);
  await signIn(page, email, NEW_PASSWORD);
  await expectSignedIn(page);

  // The link worked once. Opened again, it says so and offers to ask for a new one.
  await page.goto(link);
  await newPasswordField(page).fill('another fine password 7');
  await confirmField(page).fill('another fine password 7');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();
  await expect(page.getByText(DEAD_RESET_LINK)).toBeVisible();
  await snapshot(page, 'reset-password-dead-link');
  await page.getByRole('link', { name: 'Ask for a new link' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
});

test('an unknown email gets the same answer, and no mail', async ({ page }) => {
  const email = `${uniqueTag('nobody')}@example.com`;
  const known = `${uniqueTag('known')}@example.com`;
  await createMember(known);
  await page.goto('/forgot-password');
  await askForResetLink(page, email);
  // Requests are handled in the order they were answered (lib/passwords/reset.ts): once the
  // next request's mail is in the outbox, this one has been handled, and it queued none.
  await page.goto('/forgot-password');
  await askForResetLink(page, known);
  await expect.poll(() => outboxKindsTo(known)).toEqual(['password-reset']);
  expect(await outboxKindsTo(email)).toEqual([]);
});

test('a reset page without a code says the link is dead, at once', async ({ page }) => {
  await page.goto('/reset-password');
  await expect(page.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
});

test('the reset page explains password rules beside the field', async ({ page }) => {
  const email = `${uniqueTag('policy')}@example.com`;
  await createMember(email);
  const since = Date.now();
  await page.goto('/forgot-password');
  await askForResetLink(page, email);
  await page.goto(pathOf(linkIn(await waitForMailTo(email, /Reset your Gatehouse password/, { since }), '/reset-password')));

  await newPasswordField(page).fill('short');
  await confirmField(page).fill('shorter');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expectFieldError(page, newPasswordField(page), 'Use at least 12 characters.');
  await expectFieldError(page, confirmField(page), 'The two passwords are not the same.');
  await snapshot(page, 'reset-password-too-short');

  // A password built from the account's own email is easy to guess: the server says so.
  const local = email.split('@')[0];
  await newPasswordField(page).fill(`${local}${local}`);
  await confirmField(page).fill(`${local}${local}`);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expectFieldError(page, newPasswordField(page), /too common or too easy to guess/);

  // The show button reveals what was typed, and hides it again.
  await page.getByRole('button', { name: 'Show password' }).click();
  await expect(newPasswordField(page)).toHaveAttribute('type', 'text');
  await page.getByRole('button', { name: 'Hide password' }).click();
  await expect(newPasswordField(page)).toHaveAttribute('type', 'password');
});

test('a user changes their password on /account; other sessions end, this one stays', async ({ page, browser }) => {
  const email = `${uniqueTag('change')}@example.com`;
  await createMember(email);
  // Another browser, signed in before the change.
  const other = await browser.newContext();
  const otherPage = waitingForReveal(await other.newPage());
  await otherPage.goto('/sign-in');
  await signIn(otherPage, email, MEMBER_PASSWORD);
  await expectSignedIn(otherPage);

  await page.goto('/sign-in');
  await signIn(page, email, MEMBER_PASSWORD);
  await expectSignedIn(page);
  const section = page.getByRole('region', { name: 'Change password' });
  await expect(section).toBeVisible();
  await snapshot(page, 'account-change-password');

  await section.getByLabel('Current password').fill('not my password at all');
  await newPasswordField(page).fill(NEW_PASSWORD);
  await confirmField(page).fill(NEW_PASSWORD);
  await section.getByRole('button', { name: 'Change password' }).click();
  await expectFieldError(page, section.getByLabel('Current password'), 'The current password is not right.');
  await snapshot(page, 'account-change-password-wrong-current');

  await section.getByLabel('Current password').fill(MEMBER_PASSWORD);
  await section.getByRole('button', { name: 'Change password' }).click();
  const changed = section.getByRole('status');
  await expect(changed).toHaveText('Password changed. You were signed out everywhere else.');
  await expect(section.getByLabel('Current password')).toHaveValue('');
  await snapshot(page, 'account-change-password-done');

  // This browser is still signed in; the news is not repeated on reload.
  await page.reload();
  await expectSignedIn(page);
  await expect(section.getByLabel('Current password')).toBeVisible();
  await expect(changed).toBeHidden();
  await otherPage.reload();
  await expectSignInPage(otherPage);
  await other.close();
});

test('an invited user chooses a password from the mailed link and signs in', async ({ page }) => {
  const email = `${uniqueTag('invite')}@example.com`;
  const user = await createUser({ email, firstName: 'Ivy', lastName: 'Invited' });
  expect(user.status).toBe('pending');

  // Pending: no password yet, so no sign-in.
  await page.goto('/sign-in');
  await signIn(page, email, NEW_PASSWORD);
  await expectSignInRefused(page);

  const since = Date.now();
  await sendInvitation(user.id, { id: null });
  const link = pathOf(linkIn(await waitForMailTo(email, /You are invited/, { since }), '/accept-invite'));
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Welcome to Gatehouse' })).toBeVisible();
  await expect(page.getByText(`Choose a password for ${email}.`)).toBeVisible();
  await snapshot(page, 'accept-invite');

  await newPasswordField(page).fill(NEW_PASSWORD);
  await confirmField(page).fill(`${NEW_PASSWORD}!`);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expectFieldError(page, confirmField(page), 'The two passwords are not the same.');
  await snapshot(page, 'accept-invite-mismatch');

  await confirmField(page).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('heading', { name: 'Your password is set' })).toBeVisible();
  await snapshot(page, 'accept-invite-done');
  await page.getByRole('link', { name: 'Sign in' }).click();
  await signIn(page, email, NEW_PASSWORD);
  await expectSignedIn(page);

  // Used once, the link is dead on arrival.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'This invitation cannot be used' })).toBeVisible();
  await expect(page.getByText('Ask your administrator to send a new invitation.', { exact: false })).toBeVisible();
  await snapshot(page, 'accept-invite-dead-link');
});

test('a sign-up is confirmed from the mailed link with the password chosen at sign-up', async ({ page, request }) => {
  const email = `${uniqueTag('signup')}@example.com`;
  const since = Date.now();
  const signUp = await request.post('/api/v1/users', { data: { email, password: NEW_PASSWORD, firstName: 'Sam' } });
  expect(signUp.status()).toBe(202);
  const link = pathOf(linkIn(await waitForMailTo(email, /Confirm your Gatehouse account/, { since }), '/confirm-sign-up'));

  // Not active yet: the sign-in page refuses it like any other wrong sign-in.
  await page.goto('/sign-in');
  await signIn(page, email, NEW_PASSWORD);
  await expectSignInRefused(page);

  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Confirm your account' })).toBeVisible();
  const password = page.getByLabel('Password', { exact: true });
  await password.fill('not the one I chose at all');
  await page.getByRole('button', { name: 'Confirm my account' }).click();
  await expectFieldError(page, password, 'Enter the password you chose when you signed up.');
  await snapshot(page, 'confirm-sign-up-wrong-password');

  await password.fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Confirm my account' }).click();
  await expect(page.getByRole('heading', { name: 'Your account is ready' })).toBeVisible();
  await snapshot(page, 'confirm-sign-up-done');
  await page.getByRole('link', { name: 'Sign in' }).click();
  await signIn(page, email, NEW_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();

  // The link worked once.
  await page.goto(link);
  await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Confirm my account' }).click();
  await expect(page.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();
});
