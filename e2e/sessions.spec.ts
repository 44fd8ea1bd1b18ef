import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';
import { createMember, expectSignInPage, MEMBER_PASSWORD, signIn, signInAsAdmin, snapshot, test, uniqueTag, waitingForReveal } from './support';

/**
 * Issue 19: a user sees where they are signed in on /account and signs other browsers out;
 * an admin ends all of a user's sessions from the user page. The browser signed out from
 * elsewhere is sent to sign-in on its very next click.
 */

const CHROME_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

const sessionsRegion = (page: Page) => page.getByRole('region', { name: 'Sessions and tokens', exact: true });
const row = (page: Page, device: string) => sessionsRegion(page).getByRole('row').filter({ hasText: device });

/** A browser of its own (cookies apart from every other), with this user agent, signed in to /account as the user. */
async function signedInBrowser(browser: Browser, email: string, userAgent: string): Promise<Page> {
  const context = await browser.newContext({ userAgent });
  const page = waitingForReveal(await context.newPage());
  await page.goto('/sign-in?callbackUrl=/account');
  await signIn(page, email, MEMBER_PASSWORD);
  // By its path: the sign-in page's own address ends in "callbackUrl=/account" too.
  await expect(page).toHaveURL((url) => url.pathname === '/account');
  return page;
}

/** Axe's serious and critical WCAG 2 A/AA violations inside the sessions section (and any dialog it opened). */
async function sessionsViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .include('section[aria-labelledby="sessions-heading"]')
    .include('[role="alertdialog"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.help}`);
}

test('two browsers of one user: each marks itself, and one signs the other out', async ({ browser }) => {
  const member = await createMember(`${uniqueTag('ses')}@example.com`);
  const chrome = await signedInBrowser(browser, member.email, CHROME_ON_LINUX);
  const firefox = await signedInBrowser(browser, member.email, FIREFOX_ON_WINDOWS);

  await chrome.reload();
  await expect(sessionsRegion(chrome).getByRole('row')).toHaveCount(3);
  await expect(row(chrome, 'Chrome on Linux')).toContainText('This browser');
  await expect(row(chrome, 'Firefox on Windows')).not.toContainText('This browser');
  // The full user agent is a hover away.
  await expect(row(chrome, 'Firefox on Windows').getByText('Firefox on Windows')).toHaveAttribute('title', FIREFOX_ON_WINDOWS);
  await expect(row(firefox, 'Firefox on Windows')).toContainText('This browser');
  await snapshot(chrome, 'sessions-account');
  expect(await sessionsViolations(chrome)).toEqual([]);

  await row(chrome, 'Firefox on Windows').getByRole('button', { name: /^Sign out/ }).click();
  await expect(sessionsRegion(chrome).getByRole('status')).toHaveText('Browser (Firefox on Windows) signed out.');
  await expect(sessionsRegion(chrome).getByRole('row')).toHaveCount(2);

  // Firefox's next click finds itself signed out; Chrome is still in.
  await firefox.getByRole('link', { name: 'Account' }).click();
  await expectSignInPage(firefox);
  await chrome.getByRole('link', { name: 'Account' }).click();
  await expect(sessionsRegion(chrome)).toBeVisible();
  await firefox.context().close();
  await chrome.context().close();
});

test('“Sign out everywhere else” keeps this browser; “Sign out” on this browser signs it out', async ({ browser }) => {
  const member = await createMember(`${uniqueTag('ses')}@example.com`);
  const firefox = await signedInBrowser(browser, member.email, FIREFOX_ON_WINDOWS);
  const chrome = await signedInBrowser(browser, member.email, CHROME_ON_LINUX);

  await sessionsRegion(chrome).getByRole('button', { name: 'Sign out everywhere else…' }).click();
  const dialog = chrome.getByRole('alertdialog', { name: 'Sign out everywhere else?' });
  await expect(dialog).toBeVisible();
  await snapshot(chrome, 'sessions-sign-out-everywhere-else');
  expect(await sessionsViolations(chrome)).toEqual([]);
  await dialog.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(dialog).toBeHidden();
  await expect(sessionsRegion(chrome).getByRole('status')).toHaveText('Ended 1 session.');
  await expect(sessionsRegion(chrome).getByRole('row')).toHaveCount(2);
  await expect(sessionsRegion(chrome).getByRole('button', { name: 'Sign out everywhere else…' })).toBeDisabled();

  await firefox.getByRole('link', { name: 'Account' }).click();
  await expectSignInPage(firefox);

  await row(chrome, 'Chrome on Linux').getByRole('button', { name: /^Sign out/ }).click();
  await expectSignInPage(chrome);
  await chrome.goto('/account');
  await expectSignInPage(chrome);
  await firefox.context().close();
  await chrome.context().close();
});

test('an admin ends all sessions of a user from the user page, and the user’s browser is signed out', async ({ browser, page }) => {
  const member = await createMember(`${uniqueTag('ses')}@example.com`);
  const memberBrowser = await signedInBrowser(browser, member.email, CHROME_ON_LINUX);

  await signInAsAdmin(page);
  await page.goto(`/users/${member.id}`);
  await expect(row(page, 'Chrome on Linux')).toBeVisible();
  await expect(row(page, 'Chrome on Linux')).not.toContainText('This browser');
  await snapshot(page, 'sessions-user-page');
  expect(await sessionsViolations(page)).toEqual([]);

  // By keyboard: the button opens the dialog, focus starts on Cancel, Tab reaches the confirmation.
  await sessionsRegion(page).getByRole('button', { name: 'End all sessions…' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: /^End all sessions of/ });
  await expect(dialog).toContainText('Their password is unchanged');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'End all sessions' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(sessionsRegion(page).getByRole('status')).toHaveText('Ended 1 session.');
  await expect(sessionsRegion(page)).toContainText('is not signed in anywhere');
  await snapshot(page, 'sessions-user-page-empty');
  expect(await sessionsViolations(page)).toEqual([]);

  await memberBrowser.getByRole('link', { name: 'Account' }).click();
  await expectSignInPage(memberBrowser);
  await memberBrowser.context().close();
});
