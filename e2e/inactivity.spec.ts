import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '../db/schema';
import { previewInactivity } from '../lib/inactivity/inactivity';
import { DEFAULT_INACTIVITY_POLICY, type InactivityPolicy } from '../lib/inactivity/policy';
import { getInactivityPolicy, updateInactivityPolicy } from '../lib/inactivity/settings';
import { formatCount } from '../lib/pages/format';
import { createMember, serverDb, signInAsAdmin, test, uniqueTag } from './support';

/**
 * Settings > Inactivity: the preview counts what the form's values would do, as they are
 * typed and before they are saved; a bad value is refused beside its field; a save keeps the
 * policy. The policy stays off on this shared server, and is put back as found.
 */

const DAY = 24 * 60 * 60 * 1000;
const SHOTS = '/tmp/shots-hashes-inactivity';

const sentence = ({ wouldSuspend, wouldWarn }: { wouldSuspend: number; wouldWarn: number }) =>
  `This policy would suspend ${formatCount(wouldSuspend)} ${wouldSuspend === 1 ? 'user' : 'users'} and warn ${formatCount(wouldWarn)} ${wouldWarn === 1 ? 'user' : 'users'}.`;

let found: InactivityPolicy;

test.beforeAll(async () => {
  found = await getInactivityPolicy();
  await updateInactivityPolicy(DEFAULT_INACTIVITY_POLICY);
  // An account nobody has used for two years: the default policy would suspend it.
  const idle = await createMember(`${uniqueTag('idle')}@inactivity-e2e.example`);
  const twoYearsAgo = new Date(Date.now() - 730 * DAY);
  await serverDb().write((tx) => tx.update(users).set({ createdAt: twoYearsAgo, updatedAt: twoYearsAgo, lastSignInAt: twoYearsAgo }).where(eq(users.id, idle.id)));
});

test.afterAll(async () => {
  await updateInactivityPolicy(found);
});

test('the inactivity settings preview what the typed values would do, refuse bad ones beside the field, and save', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/settings/inactivity');
  const main = page.locator('#main');
  await expect(main.getByRole('heading', { name: 'Inactivity policy' })).toBeVisible();
  await expect(main.getByRole('link', { name: 'Inactivity' })).toHaveAttribute('aria-current', 'page');
  const preview = main.getByTestId('inactivity-preview');
  await expect(main.getByLabel('Suspend inactive accounts')).not.toBeChecked();

  const saved = await previewInactivity(DEFAULT_INACTIVITY_POLICY);
  expect(saved.wouldSuspend).toBeGreaterThanOrEqual(1);
  await expect(preview).toHaveText(sentence(saved));

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/settings-inactivity-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Typed, not saved: a shorter limit counts more accounts, with a loading state in between.
  await main.getByLabel('Suspend after (days without activity)').fill('400');
  const typed = await previewInactivity({ ...DEFAULT_INACTIVITY_POLICY, suspendAfterDays: 400 });
  await expect(preview).toHaveText(sentence(typed));
  await main.getByLabel('Suspend after (days without activity)').fill('30');
  await expect(preview).toHaveText(sentence(await previewInactivity({ ...DEFAULT_INACTIVITY_POLICY, suspendAfterDays: 30 })));

  await main.getByLabel('Mail a warning (days before)').fill('30');
  await expect(main.getByText('Warn fewer days before than the suspension itself.')).toBeVisible();
  await expect(main.getByLabel('Mail a warning (days before)')).toHaveAttribute('aria-invalid', 'true');
  await expect(preview).toHaveText('Correct the highlighted fields to see what this policy would do.');
  await page.screenshot({ path: `${SHOTS}/settings-inactivity-invalid-1280.png`, fullPage: true });

  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);

  // Saved off (this server is shared), with an exempt scope: the page shows it again after a reload.
  await main.getByLabel('Mail a warning (days before)').fill('7');
  await main.getByLabel('Suspend after (days without activity)').fill('200');
  await main.getByLabel('Holders of the scope').fill('service');
  await main.getByRole('button', { name: 'Save policy' }).click();
  await expect(main.getByText('Inactivity policy saved.')).toBeVisible();
  expect(await getInactivityPolicy()).toEqual({ ...DEFAULT_INACTIVITY_POLICY, suspendAfterDays: 200, warnDaysBefore: 7, exemptScope: 'service' });
  await page.reload();
  await expect(main.getByLabel('Suspend after (days without activity)')).toHaveValue('200');
  await expect(main.getByLabel('Holders of the scope')).toHaveValue('service');
  await expect(preview).toHaveText(sentence(await previewInactivity({ ...DEFAULT_INACTIVITY_POLICY, suspendAfterDays: 200, warnDaysBefore: 7, exemptScope: 'service' })));
});
