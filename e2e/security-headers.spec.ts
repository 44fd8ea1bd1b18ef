import { expect, type Page } from '@playwright/test';
import { createMember, signInAsAdmin, snapshot, test, uniqueTag } from './support';

/**
 * Issue 12, defect 4: with the nonce-based Content-Security-Policy on, the main pages load
 * their scripts and styles, hydrate, and the browser refuses nothing.
 */

/** Collects every console message in which the browser reports a CSP refusal, and every page error. */
function watchForRefusals(page: Page): string[] {
  const refusals: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Refused to|Content Security Policy|Content-Security-Policy/i.test(text)) refusals.push(`${page.url()}: ${text}`);
  });
  page.on('pageerror', (error) => refusals.push(`${page.url()}: ${error.message}`));
  return refusals;
}

/** React attaches its root to the document once the page has hydrated, i.e. once Next's scripts ran. */
async function expectHydrated(page: Page) {
  await expect.poll(() => page.evaluate(() => Object.keys(document).some((key) => key.startsWith('__reactContainer')))).toBe(true);
}

test('the main pages hydrate and the browser refuses nothing under the CSP', async ({ page }) => {
  const refusals = watchForRefusals(page);

  for (const path of ['/sign-in', '/forgot-password']) {
    const response = await page.goto(path);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    await expectHydrated(page);
  }

  await signInAsAdmin(page);
  const member = await createMember(`${uniqueTag('csp')}@example.com`);
  for (const path of ['/users', `/users/${member.id}`, '/users/new', '/tenants', '/resources', '/settings', '/settings/mail', '/account', '/users/deletions', '/docs/access']) {
    await page.goto(path);
    await expectHydrated(page);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  // Client navigation (RSC fetches, chunk loading) works too.
  await page.goto('/users');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenants' }).click();
  await expect(page.getByRole('heading', { name: 'Tenants', level: 1 })).toBeVisible();

  // The deletion progress bar is drawn with a style attribute, which the policy must let through.
  await page.goto(`/users/${member.id}`);
  await page.getByRole('button', { name: 'Delete user' }).click();
  await page.getByRole('alertdialog').getByLabel(/to confirm/).fill(member.email);
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete user' }).click();
  await expect(page).toHaveURL(/\/deletion\//);
  await expect(page.getByRole('progressbar')).toBeVisible();
  await page.reload();
  await expectHydrated(page);
  await expect(page.getByRole('progressbar')).toBeVisible();
  await snapshot(page, 'csp-deletion-progress');

  expect(refusals).toEqual([]);
});

test('the browser refuses to show the sign-in page in a frame', async ({ page, baseURL }) => {
  const refusals = watchForRefusals(page);
  await page.setContent(`<iframe src="${baseURL}/sign-in"></iframe>`);
  await expect.poll(() => refusals.some((text) => text.includes("frame-ancestors 'none'"))).toBe(true);
  await expect(page.frameLocator('iframe').getByRole('heading', { name: 'Sign in' })).toHaveCount(0);
});
