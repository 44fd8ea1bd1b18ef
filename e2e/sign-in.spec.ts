import { expect } from '@playwright/test';
import { createMember, expectSignInPage, MEMBER_PASSWORD, signIn, snapshot, suspendInDatabase, test, TEST_ADMIN, waitingForReveal } from './support';

test('an admin signs in and lands on the admin shell', async ({ page }) => {
  await page.goto('/sign-in');
  await snapshot(page, 'sign-in');
  await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(page.getByTestId('signed-in-user')).toContainText(TEST_ADMIN.email);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const item of ['Users', 'Tenants', 'Resources', 'Settings', 'Account']) {
    await expect(nav.getByRole('link', { name: item })).toBeVisible();
  }
  await expect(nav.getByRole('link', { name: 'Audit' })).toHaveAttribute('href', '/audit');
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveAttribute('aria-current', 'page');
  await snapshot(page, 'admin-users');

  // The session cookie also works for same-origin API reads, but never for changes.
  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(TEST_ADMIN.email);
  expect((await page.request.delete('/api/v1/auth/token')).status()).toBe(401);
  await nav.getByRole('link', { name: 'Tenants' }).click();
  await expect(page.getByRole('heading', { name: 'Tenants', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'New tenant' })).toBeVisible();
});

test('a wrong password and an unknown account show the same error', async ({ page }) => {
  await page.goto('/sign-in');
  await signIn(page, TEST_ADMIN.email, 'definitely not it');
  const error = page.getByRole('alert', { name: 'Sign-in error' });
  await expect(error).toHaveText('The email, username or password is wrong.');
  await expect(page.getByLabel('Email or username')).toHaveValue(TEST_ADMIN.email);
  await snapshot(page, 'sign-in-error');

  await signIn(page, 'nobody@nowhere.example', 'definitely not it');
  await expect(error).toHaveText('The email, username or password is wrong.');
  await expectSignInPage(page);
});

test('empty fields get a message next to each field', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter your email or username.')).toBeVisible();
  await expect(page.getByText('Enter your password.')).toBeVisible();
});

test('an anonymous visit to /users goes to sign-in, and back to /users after it', async ({ page }) => {
  await page.goto('/users');
  await expectSignInPage(page);
  expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/users');
  await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
  // By its path: the sign-in page's own address may end in "callbackUrl=/users" too.
  await expect(page).toHaveURL((url) => url.pathname === '/users');
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
});

test('sign out ends the session', async ({ page }) => {
  await page.goto('/sign-in');
  await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expectSignInPage(page);
  await page.goto('/account');
  await expectSignInPage(page);
});

test('a non-admin lands on their account and gets a 403 page for admin pages', async ({ page }) => {
  const member = await createMember('browser-member@example.com');
  await page.goto('/sign-in');
  await signIn(page, member.email, MEMBER_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(page.getByText(member.email).first()).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await snapshot(page, 'member-account');

  const response = await page.goto('/users');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
  await snapshot(page, 'forbidden');
});

test('a suspended user is signed out on their next request', async ({ page }) => {
  const member = await createMember('browser-suspended@example.com');
  await page.goto('/sign-in');
  await signIn(page, member.email, MEMBER_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();

  await suspendInDatabase(member.id);

  await page.reload();
  await expectSignInPage(page);
});

test('the shell works on a narrow screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/sign-in');
  await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await snapshot(page, 'admin-narrow');
});

test('a browser that signed in before is not locked out by guesses made elsewhere', async ({ page, browser }) => {
  const member = await createMember('browser-device@example.com');
  await page.goto('/sign-in');
  await signIn(page, member.email, MEMBER_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  const device = (await page.context().cookies()).find((cookie) => cookie.name === 'gatehouse-device');
  expect(device).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  expect(device!.expires * 1000 - Date.now()).toBeGreaterThan(360 * 24 * 60 * 60 * 1000);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expectSignInPage(page);

  // Someone else guesses in another browser until the account is blocked there.
  const elsewhere = waitingForReveal(await browser.newPage());
  await elsewhere.goto('/sign-in');
  const error = elsewhere.getByRole('alert', { name: 'Sign-in error' });
  for (let i = 0; i < 5; i++) {
    await signIn(elsewhere, member.username, `wrong guess ${i}`);
    // The form clears the password once the answer is in; until then the old message is still shown.
    await expect(elsewhere.getByLabel('Password', { exact: true })).toHaveValue('');
    await expect(error).toHaveText('The email, username or password is wrong.');
  }
  await signIn(elsewhere, member.email, MEMBER_PASSWORD);
  await expect(error).toContainText('Too many failed attempts. Try again in 30 seconds');
  await snapshot(elsewhere, 'sign-in-throttled');
  await elsewhere.close();

  await signIn(page, member.email, MEMBER_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
});

test('a hostile callbackUrl keeps the browser on the app, through the form and once signed in', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  for (const callbackUrl of ['/\t/evil.example', '/.//evil.example', '/\\evil.example', 'javascript:alert(1)', 'http://app@evil.example']) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
    await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
    expect(new URL(page.url()).origin, JSON.stringify(callbackUrl)).toBe(origin);

    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
    expect(new URL(page.url()).origin, JSON.stringify(callbackUrl)).toBe(origin);
  }
});
