import { expect, type Locator, type Page } from '@playwright/test';
import { createUser, getUserById } from '../lib/users/users';
import { signInAsAdmin, snapshot, test, toasts, uniqueTag } from './support';

/**
 * Issue 15: the users list works by keyboard alone: search, the row menu (arrow keys, Escape,
 * focus back on its button), a confirmation dialog and the toast that reports the result. The
 * browser refuses none of the styles Radix adds under the CSP on the way.
 */

/** Presses Tab until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, maxPresses = 60) {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

function watchForCspRefusals(page: Page): string[] {
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) refusals.push(message.text());
  });
  return refusals;
}

async function searchByKeyboard(page: Page, pattern: string) {
  await page.goto('/users');
  await tabTo(page, page.getByLabel('Search'));
  await page.keyboard.type(pattern);
  await expect(page).toHaveURL(new RegExp(`pattern=${pattern}`));
}

test.beforeEach(async ({ page }) => {
  await signInAsAdmin(page);
});

test('suspends a user from the row menu by keyboard alone', async ({ page }) => {
  const refusals = watchForCspRefusals(page);
  const tag = uniqueTag('kbd');
  const kim = await createUser({ email: `${tag}-kim@example.com`, firstName: 'Kim', lastName: tag });
  await searchByKeyboard(page, tag);

  const menuButton = page.getByRole('button', { name: `Actions for Kim ${tag}` });
  await tabTo(page, menuButton);
  const menu = page.getByRole('menu');

  // Escape closes the menu and leaves focus on its button.
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Open' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();

  // The arrow keys move through the items.
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Suspend' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Delete…' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('menuitem', { name: 'Suspend' })).toBeFocused();
  await snapshot(page, 'users-row-menu');
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('alertdialog', { name: `Suspend Kim ${tag}?` });
  await expect(dialog).toBeVisible();
  // Focus starts on Cancel, the safe choice; Tab reaches Suspend.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Suspend' })).toBeFocused();
  await snapshot(page, 'users-suspend-dialog');
  await page.keyboard.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(toasts(page).filter({ hasText: 'Suspended 1 user.' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`Kim ${tag}`) })).toContainText('suspended');
  await expect(menuButton).toBeFocused();
  await snapshot(page, 'users-toast');
  expect((await getUserById(kim.id))?.status).toBe('suspended');
  expect(refusals).toEqual([]);
});

test('deletes selected users by keyboard alone', async ({ page }) => {
  const refusals = watchForCspRefusals(page);
  const tag = uniqueTag('kbdb');
  const ann = await createUser({ email: `${tag}-ann@example.com`, firstName: 'Ann', lastName: tag });
  const ben = await createUser({ email: `${tag}-ben@example.com`, firstName: 'Ben', lastName: tag });
  await searchByKeyboard(page, tag);

  for (const name of [`Ann ${tag}`, `Ben ${tag}`]) {
    await tabTo(page, page.getByRole('checkbox', { name: `Select ${name}` }));
    await page.keyboard.press('Space');
  }
  await expect(page.getByRole('region', { name: 'Selected users' })).toContainText('2 selected');
  await tabTo(page, page.getByRole('button', { name: 'Delete selected…' }));
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('alertdialog', { name: 'Delete 2 users?' });
  // With a typed confirmation, focus starts in its field.
  await expect(dialog.getByLabel(/to confirm/)).toBeFocused();
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/users\/deletions\?tickets=/);
  await expect(toasts(page).filter({ hasText: 'Deleting 2 users.' })).toBeVisible();
  await snapshot(page, 'deletions-toast');
  await expect.poll(async () => await Promise.all([ann, ben].map(async (user) => (await getUserById(user.id))?.status ?? 'gone'))).not.toContain('active');
  expect(refusals).toEqual([]);
});
