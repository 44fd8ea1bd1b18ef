import { beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, signInForToken } from '../support/api';
import { TEST_ADMIN } from '../support/server';
import { browserSession } from '../support/server-actions';

/**
 * The detail pages answer an unknown object, or one beyond the caller's reach, with HTTP 404 and
 * the not-found page, not a 200 whose body says so (issue 15): a browser, a crawler or a link
 * checker reads the status. An object that exists answers 200.
 */

const PASSWORD = 'page status password 1';
const tag = `pst${Date.now().toString(36)}`;
let adminToken = '';
let adminCookie = '';
let tenantAdminCookie = '';
// Objects of a tenant the tenant admin administers, and of one they do not.
let own = { tenant: '', user: '', resource: '' };
let other = { tenant: '', user: '', resource: '' };
let deletion = { user: '', ticket: '' };
let importId = '';
let serial = 0;

async function asAdmin(method: string, path: string, json?: unknown) {
  const response = await api(path, { method, token: adminToken, json });
  if (response.status >= 400) throw new Error(`${method} ${path} failed in setup: ${response.status} ${response.text}`);
  return response.body;
}

async function newUser(): Promise<{ id: string; email: string }> {
  serial += 1;
  const email = `${tag}-${serial}@example.com`;
  const body = await asAdmin('POST', '/api/v1/users', { email, password: PASSWORD });
  return { id: body.user.id as string, email };
}

/** A tenant with a plain member and a resource. */
async function newTenant(name: string) {
  const tenant = await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-${name}`, name: `${tag} ${name}` });
  const user = await newUser();
  await asAdmin('PUT', `/api/v1/tenants/${tenant.id}/users/${user.id}`, { role: 'user' });
  const resource = await asAdmin('POST', '/api/v1/resources', { name: `${tag} ${name} report`, kind: 'report', tenantId: tenant.id });
  return { tenant: tenant.slug as string, user: user.id, resource: resource.id as string };
}

async function page(path: string, cookie: string) {
  const response = await fetch(`${baseUrl()}${path}`, { headers: { cookie }, redirect: 'manual' });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  adminToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  adminCookie = await browserSession(baseUrl(), TEST_ADMIN.email, TEST_ADMIN.password);
  own = await newTenant('own');
  other = await newTenant('other');
  const tenantAdmin = await newUser();
  await asAdmin('PUT', `/api/v1/tenants/${own.tenant}/users/${tenantAdmin.id}`, { role: 'admin' });
  tenantAdminCookie = await browserSession(baseUrl(), tenantAdmin.email, PASSWORD);
  const doomed = await newUser();
  const deleted = await api(`/api/v1/users/${doomed.id}`, { method: 'DELETE', token: adminToken });
  expect(deleted.status).toBe(202);
  deletion = { user: doomed.id, ticket: deleted.body.ticket as string };
  const started = await api('/api/v1/imports?mode=create&dryRun=false&invite=false', { method: 'POST', token: adminToken, body: `email\n${tag}-imported@example.com\n`, headers: { 'content-type': 'text/csv' } });
  expect(started.status).toBe(202);
  importId = started.body.id as string;
});

describe('an admin', () => {
  it.each([
    ['a user', () => `/users/${own.user}`],
    ['a tenant', () => `/tenants/${own.tenant}`],
    ['a resource', () => `/resources/${own.resource}`],
    ['a deletion', () => `/users/${deletion.user}/deletion/${deletion.ticket}`],
    ['the import page', () => '/users/import'],
    ['an import', () => `/users/import/${importId}`],
  ])('opens %s that exists: 200', async (_what, path) => {
    expect((await page(path(), adminCookie)).status).toBe(200);
  });

  it.each([
    ['user', '/users/usr_doesnotexist', 'No such user'],
    ['tenant', '/tenants/no-such-tenant', 'No such tenant'],
    ['resource', '/resources/res_doesnotexist', 'No such resource'],
    ['deletion ticket', () => `/users/${deletion.user}/deletion/00000000-0000-4000-8000-000000000000`, 'No such deletion'],
    ['deletion ticket of another user', () => `/users/${own.user}/deletion/${deletion.ticket}`, 'No such deletion'],
    ['import', '/users/import/imp_doesnotexist', 'No such import'],
  ])('asks for an unknown %s: 404 with the not-found page', async (_what, path, text) => {
    const response = await page(typeof path === 'function' ? path() : path, adminCookie);
    expect(response.status).toBe(404);
    expect(response.text).toContain(text);
  });
});

describe('a tenant admin', () => {
  it.each([
    ['a user', () => `/users/${own.user}`],
    ['a tenant', () => `/tenants/${own.tenant}`],
    ['a resource', () => `/resources/${own.resource}`],
  ])('opens %s of their tenant: 200', async (_what, path) => {
    expect((await page(path(), tenantAdminCookie)).status).toBe(200);
  });

  it.each([
    ['user', () => `/users/${other.user}`, 'No such user'],
    ['tenant', () => `/tenants/${other.tenant}`, 'No such tenant'],
    ['resource', () => `/resources/${other.resource}`, 'No such resource'],
  ])('asks for another tenant’s %s: 404 with the not-found page, as for one that does not exist', async (_what, path, text) => {
    const response = await page(path(), tenantAdminCookie);
    expect(response.status).toBe(404);
    expect(response.text).toContain(text);
  });

  it.each([
    ['the import page', () => '/users/import'],
    ['an import', () => `/users/import/${importId}`],
  ])('opens %s, a system admin’s: 403 with the forbidden page', async (_what, path) => {
    const response = await page(path(), tenantAdminCookie);
    expect(response.status).toBe(403);
    expect(response.text).toContain('You don’t have access to this page');
  });
});
