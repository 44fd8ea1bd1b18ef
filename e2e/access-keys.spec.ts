import { expect, type Page } from '@playwright/test';
import { createMember, MEMBER_PASSWORD, signIn, signInAsAdmin, snapshot, test, uniqueTag } from './support';

/** Issue 14: the user page's access-key panel (reveal with a confirmation, copy, rotate). */

const panel = (page: Page) => page.getByRole('region', { name: 'Access key' });

/** What /api/v1/me answers to the key, from outside the browser. */
async function meStatusWith(key: string): Promise<number> {
  const response = await fetch(`${process.env.E2E_BASE_URL}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
  return response.status;
}

test('an admin reveals a user’s access key after confirming, copies it, and rotating it refuses the old key', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInAsAdmin(page);
  const member = await createMember(`${uniqueTag('key')}@example.com`);
  await page.goto(`/users/${member.id}`);

  const keyField = panel(page).getByRole('textbox', { name: /Key of/ });
  await expect(keyField).toHaveCount(0);
  await panel(page).getByRole('button', { name: 'Reveal…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Reveal the access key?' });
  await expect(confirm).toBeVisible();
  // Cancelling shows nothing.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(keyField).toHaveCount(0);

  await panel(page).getByRole('button', { name: 'Reveal…' }).click();
  await page.getByRole('alertdialog', { name: 'Reveal the access key?' }).getByRole('button', { name: 'Reveal key' }).click();
  await expect(keyField).toHaveValue(/^gk_[\w-]{32}$/);
  const key = await keyField.inputValue();
  await snapshot(page, 'access-key-revealed');

  await panel(page).getByRole('button', { name: 'Copy' }).click();
  await expect(panel(page).getByRole('status')).toHaveText('Access key copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  expect(await meStatusWith(key)).toBe(200);

  await panel(page).getByRole('button', { name: 'Rotate…' }).click();
  const rotate = page.getByRole('alertdialog', { name: 'Rotate the access key?' });
  await rotate.getByRole('button', { name: 'Rotate key' }).click();
  await expect(panel(page).getByRole('status')).toHaveText('The key was replaced. The old one no longer works.');
  await expect(keyField).not.toHaveValue(key);
  const rotated = await keyField.inputValue();
  expect(rotated).toMatch(/^gk_/);
  expect(await meStatusWith(key)).toBe(401);
  expect(await meStatusWith(rotated)).toBe(200);

  // The panel works by keyboard: Hide, then Reveal… is reachable and opens the dialog with Enter.
  await panel(page).getByRole('button', { name: 'Hide' }).click();
  await panel(page).getByRole('button', { name: 'Reveal…' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog', { name: 'Reveal the access key?' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog', { name: 'Reveal the access key?' })).toBeHidden();
});

test('a plain user reveals and rotates their own key on the account page', async ({ page }) => {
  const member = await createMember(`${uniqueTag('own')}@example.com`);
  await page.goto('/sign-in');
  await signIn(page, member.email, MEMBER_PASSWORD);
  // A plain user lands on their account page.
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await panel(page).getByRole('button', { name: 'Reveal…' }).click();
  await page.getByRole('alertdialog', { name: 'Reveal the access key?' }).getByRole('button', { name: 'Reveal key' }).click();
  const keyField = panel(page).getByRole('textbox', { name: 'Your key' });
  await expect(keyField).toHaveValue(/^gk_/);
  const key = await keyField.inputValue();
  expect(await meStatusWith(key)).toBe(200);
  await snapshot(page, 'access-key-own');

  await panel(page).getByRole('button', { name: 'Rotate…' }).click();
  await page.getByRole('alertdialog', { name: 'Rotate the access key?' }).getByRole('button', { name: 'Rotate key' }).click();
  await expect(keyField).not.toHaveValue(key);
  expect(await meStatusWith(key)).toBe(401);
  expect(await meStatusWith(await keyField.inputValue())).toBe(200);
});
