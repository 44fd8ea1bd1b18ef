import { test as base, expect, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { mailOutbox, users } from '../db/schema';
import { createUser } from '../lib/users/users';
import { TEST_ADMIN } from '../tests/support/server';
import { readMailFile, waitFor, type ReceivedMail } from '../tests/support/smtp-sink';
import { appDatabase, type TestDatabase } from '../tests/support/test-database';
export { linkIn } from '../tests/support/smtp-sink';

export { TEST_ADMIN };

/** The server's database, for setup and checks, on either engine (global-setup sets DATABASE_URL). */
export function serverDb(): TestDatabase {
  return appDatabase();
}

/**
 * Until React reveals a streamed page, its content waits in a hidden copy at the end of the body,
 * where text, label and test-id locators find it too (twice, while React swaps it in). A page
 * counts as loaded once no such copy is left.
 */
async function untilRevealed(page: Page) {
  await page.waitForFunction(() => !document.querySelector('div[hidden][id^="S:"]'));
}

/** The page, its `goto` and `reload` waiting for the streamed page as well (pages of a test's own contexts need this too). */
export function waitingForReveal(page: Page): Page {
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    if (!options?.waitUntil) await untilRevealed(page);
    return response;
  };
  page.reload = async (options) => {
    const response = await reload(options);
    if (!options?.waitUntil) await untilRevealed(page);
    return response;
  };
  return page;
}

/** Playwright's test, its page waiting for streamed pages to be revealed. */
export const test = base.extend({
  page: async ({ page }, provide) => {
    await provide(waitingForReveal(page));
  },
});

export const MEMBER_PASSWORD = 'member password 123';

/** A plain (non-admin) user, created in the server's database (global-setup sets DATABASE_URL). */
export async function createMember(email: string) {
  return await createUser({ email, password: MEMBER_PASSWORD, firstName: 'Mia', lastName: 'Member' });
}

/** A short random word, to give each test users (and a search pattern) no other test has. */
export function uniqueTag(prefix: string): string {
  return `${prefix}${Math.random().toString(36).slice(2, 8)}`;
}

export async function signInAsAdmin(page: Page) {
  await page.goto('/sign-in');
  await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
  await expect(page).toHaveURL(/\/users$/);
}

export async function signIn(page: Page, identifier: string, password: string) {
  await page.getByLabel('Email or username').fill(identifier);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The toasts on screen (components/ui/toast.tsx), each the result of an action. */
export function toasts(page: Page) {
  return page.getByRole('region', { name: /^Notifications/ }).getByRole('listitem');
}

/** Saves a full-page screenshot under screenshots/ for a person to look at. */
export async function snapshot(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

export async function expectSignInPage(page: Page) {
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

/** Suspends a user directly in the database, as another admin would. */
export async function suspendInDatabase(userId: string) {
  await serverDb().write((tx) => tx.update(users).set({ status: 'suspended' }).where(eq(users.id, userId)));
}

/** The kinds of every mail the server put in its outbox for `to`, oldest first, delivered or not. */
export async function outboxKindsTo(to: string): Promise<string[]> {
  return (await serverDb().db.select({ kind: mailOutbox.kind }).from(mailOutbox).where(eq(mailOutbox.to, to)).orderBy(mailOutbox.id)).map((mail) => mail.kind);
}

/** Waits for the next mail to `to` (optionally with a subject) that the e2e SMTP server received. */
export function waitForMailTo(to: string, subject?: RegExp, { timeoutMs = 15_000, since = 0 } = {}): Promise<ReceivedMail> {
  const file = process.env.E2E_MAIL_FILE!;
  return waitFor(
    () => readMailFile(file).findLast((mail) => mail.receivedAt >= since && mail.to.some((address) => address.toLowerCase() === to.toLowerCase()) && (!subject || subject.test(mail.subject))),
    timeoutMs,
  );
}
