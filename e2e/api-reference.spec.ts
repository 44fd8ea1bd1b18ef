import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { signInAsAdmin, snapshot, test } from './support';

/**
 * Issue 18: /docs/api renders the OpenAPI document with no network beyond the app, lists every
 * tag, shows an operation's parameters, explains every problem type at the fragment the API's
 * problem bodies point to, passes axe, is linked from the app, and the CSP refuses nothing.
 */

type OpenApiDocument = {
  tags: { name: string }[];
  paths: Record<string, Record<string, { summary?: string; tags?: string[]; parameters?: { name: string; in: string }[] }>>;
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Aborts every request to another origin; returns the list of those attempted. */
async function blockOtherOrigins(page: Page, origin: string): Promise<string[]> {
  const attempted: string[] = [];
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    attempted.push(url);
    return route.abort('blockedbyclient');
  });
  return attempted;
}

/** Console errors (a CSP refusal is one) and uncaught page errors. */
function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** The rendered reference, once the document has loaded into it. */
function reference(page: Page) {
  return page.locator('.gatehouse-api-reference');
}

test('the API reference works offline, lists every tag and shows an operation’s parameters', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const attempted = await blockOtherOrigins(page, origin);
  const errors = watchForErrors(page);
  const document = (await (await page.request.get('/api/v1/openapi.json')).json()) as OpenApiDocument;

  await page.goto('/docs/api');
  await expect(page.getByRole('heading', { name: 'API reference', level: 1 })).toBeVisible();
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0);
  const rendered = reference(page);
  await expect(rendered.getByRole('heading', { name: document.tags[0].name })).toBeVisible();

  const sidebar = rendered.getByRole('complementary', { name: /^Sidebar/ });
  for (const { name } of document.tags) await expect(sidebar.getByRole('link', { name, exact: true })).toBeVisible();

  // GET /api/v1/users, opened from the sidebar by keyboard: its section lists each of its parameters by name.
  const listUsers = document.paths['/api/v1/users'].get;
  const parameters = (listUsers.parameters ?? []).map((parameter) => parameter.name);
  expect(parameters).toEqual(expect.arrayContaining(['pattern', 'filter', 'sort', 'limit', 'cursor']));
  await sidebar.getByRole('link', { name: listUsers.tags![0], exact: true }).click();
  const operationLink = sidebar.getByRole('link', { name: new RegExp(`^${escapeRegExp(listUsers.summary!)}`) });
  await operationLink.focus();
  await page.keyboard.press('Enter');
  const section = rendered.locator('[id$="/GET/api/v1/users"]').first();
  await expect(section).toBeInViewport();
  for (const name of parameters) await expect(section.getByText(name, { exact: true }).first()).toBeVisible();

  expect(await seriousViolations(page)).toEqual([]);
  await snapshot(page, 'api-reference-desktop');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/docs/api');
  await expect(reference(page).getByRole('heading', { name: document.tags[0].name })).toBeAttached();
  await snapshot(page, 'api-reference-narrow');

  expect(attempted).toEqual([]);
  expect(errors).toEqual([]);
});

test('a problem type’s link opens its explanation, before the reference has loaded', async ({ page, baseURL }) => {
  const attempted = await blockOtherOrigins(page, new URL(baseURL!).origin);
  const errors = watchForErrors(page);
  // Held back, so the check below sees the server-rendered page alone.
  let releaseDocument = () => {};
  const documentHeld = new Promise<void>((resolve) => (releaseDocument = resolve));
  await page.route('**/api/v1/openapi.json', async (route) => {
    await documentHeld;
    await route.continue();
  });

  await page.goto('/docs/api#problem-not-found');
  const section = page.locator('#problem-not-found');
  await expect(section.getByRole('heading', { name: /404\s*Not found/ })).toBeInViewport();
  await expect(section).toContainText('What to do');
  await expect(page.getByRole('status', { name: /^Loading/ })).toBeVisible();

  releaseDocument();
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0);
  await expect(section.getByRole('heading', { name: /404\s*Not found/ })).toBeInViewport();
  expect(attempted).toEqual([]);
  expect(errors).toEqual([]);
});

test('the reference says so when the document cannot be loaded, and tries again', async ({ page }) => {
  let fail = true;
  await page.route('**/api/v1/openapi.json', (route) => (fail ? route.fulfill({ status: 503, body: '' }) : route.continue()));
  await page.goto('/docs/api');
  const alert = page.getByRole('alert', { name: 'The API reference could not be loaded' });
  await expect(alert).toContainText('503');
  fail = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(reference(page)).toBeVisible();
});

test('the app shell and the sign-in page link to the reference', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'API reference' }).click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole('heading', { name: 'API reference', level: 1 })).toBeVisible();

  await signInAsAdmin(page);
  const link = page.getByRole('contentinfo').getByRole('link', { name: 'API reference' });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole('heading', { name: 'API reference', level: 1 })).toBeVisible();
});
