import { createServer, type IncomingHttpHeaders } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { principalFor } from '../lib/auth/principal';
import { assignTenantMember, createTenant } from '../lib/tenants/tenants';
import { findUserBySignInName } from '../lib/users/users';
import { createMember, signInAsAdmin, snapshot, test, TEST_ADMIN, toasts, uniqueTag } from './support';

/**
 * Settings → Webhooks: an admin registers an endpoint (a real HTTP receiver on 127.0.0.1; the
 * e2e server allows private networks), sees its secret once, follows a delivery in the log
 * and redelivers it. Each state is also checked by axe, as e2e/accessibility.spec.ts checks the
 * other pages (kept out of its list: that test is near its time limit).
 */

/** Axe's serious and critical WCAG 2 A/AA violations on the page as it is now (as e2e/accessibility.spec.ts checks every page). */
async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

async function startReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hooks/e2e`, received, stop: () => new Promise((resolve) => server.close(resolve)) };
}

test('an admin registers a webhook endpoint, sees its secret once, and redelivers a delivery', async ({ page }) => {
  test.setTimeout(60_000);
  const receiver = await startReceiver();
  try {
    await signInAsAdmin(page);
    await page.goto('/settings/webhooks');
    await expect(page.getByRole('link', { name: 'Webhooks' })).toHaveAttribute('aria-current', 'page');
    await expectNoSeriousViolations(page);

    await page.getByRole('button', { name: 'New endpoint' }).click();
    const form = page.getByRole('dialog', { name: 'New webhook endpoint' });
    await form.getByRole('button', { name: 'Register endpoint' }).click();
    await expect(form.getByText('Enter the URL that receives the webhooks.')).toBeVisible();
    await expect(form.getByText('Choose at least one event type.')).toBeVisible();
    await form.getByLabel('URL').fill('ftp://example.com/hook');
    await form.getByLabel(/A user joins a tenant/).check();
    await form.getByRole('button', { name: 'Register endpoint' }).click();
    await expect(form.getByText('The URL must start with https:// or http://.')).toBeVisible();
    await expectNoSeriousViolations(page);
    await snapshot(page, 'webhooks-form-errors');

    await form.getByLabel('URL').fill(receiver.url);
    await form.getByLabel('Description (optional)').fill('E2E receiver');
    await form.getByRole('button', { name: 'Register endpoint' }).click();
    const shown = page.getByRole('dialog', { name: /copy its signing secret/ });
    await expect(shown.getByText('You will not see this secret again.')).toBeVisible();
    const secret = await shown.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expectNoSeriousViolations(page);
    await snapshot(page, 'webhooks-secret');
    await shown.getByRole('button', { name: 'I have stored it' }).click();

    const row = page.getByRole('row', { name: new RegExp(receiver.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')) });
    await expect(row).toContainText('Enabled');
    await expect(row).toContainText('tenant.member_added');
    expect(await page.content()).not.toContain(secret.slice('whsec_'.length));
    await snapshot(page, 'webhooks-list');

    // A change the endpoint subscribes to, made as another admin would.
    const admin = await principalFor((await findUserBySignInName(TEST_ADMIN.email))!);
    const tag = uniqueTag('hook');
    const tenant = await createTenant({ slug: `${tag}-t`, name: `Tenant ${tag}` }, { id: admin.user.id });
    const member = await createMember(`${tag}@example.com`);
    await assignTenantMember(admin, tenant.id, member.id, 'user', { id: admin.user.id });

    await row.getByRole('link').click();
    await expect(page.getByRole('heading', { name: receiver.url })).toBeVisible();
    const delivery = page.getByRole('table', { name: 'Deliveries' }).getByRole('row').filter({ hasText: 'tenant.member_added' });
    await expect(delivery).toContainText('Delivered', { timeout: 15_000 });
    await expect(delivery).toContainText('204');
    expect(receiver.received).toHaveLength(1);
    const messageId = receiver.received[0].headers['webhook-id'];
    await expectNoSeriousViolations(page);
    await snapshot(page, 'webhook-deliveries');

    await delivery.getByRole('button', { name: /^Redeliver/ }).click();
    await expect(toasts(page).filter({ hasText: 'is queued again' })).toBeVisible();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(2);
    expect(receiver.received[1].headers['webhook-id']).toBe(messageId);
    await expect(delivery).toContainText('Delivered', { timeout: 15_000 });

    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete this webhook endpoint?' });
    await confirm.getByRole('button', { name: 'Delete endpoint' }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    await expect(page.getByRole('row', { name: new RegExp(receiver.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')) })).toHaveCount(0);
  } finally {
    await receiver.stop();
  }
});
