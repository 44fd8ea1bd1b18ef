import { request as httpRequest } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, signInForToken } from '../support/api';
import { TEST_ADMIN } from '../support/server';

/**
 * Issue 12, defects 6, 7, 9 and 10, each from its reproduction: bad input answers a 4xx in
 * problem+json, never a 500 or an empty body; a wrong method says what is allowed; a tenant
 * admin cannot tell another tenant's slug from one that does not exist; a route without query
 * parameters refuses unknown ones.
 */

const tag = `bad${Date.now().toString(36)}`;
const PASSWORD = 'bad input password 12';
let admin = '';

type RawAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A request exactly as written: fetch refuses methods such as TRACE and normalises paths. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
  const url = new URL(baseUrl());
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

function expectProblem(answer: { status: number; body: string; headers: Record<string, string | string[] | undefined> }, status: number) {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.headers['content-type']).toContain('application/problem+json');
  const problem = JSON.parse(answer.body);
  expect(problem).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), type: expect.any(String) });
  return problem;
}

beforeAll(async () => {
  admin = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
});

describe('defect 6: bad input that gave a 500', () => {
  it('metadata nested thousands of levels deep is refused, on create and on update', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const create = await raw('POST', '/api/v1/users', { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, `{"email":"${tag}-deep@example.com","metadata":${deep}}`);
    expect(expectProblem(create, 400).detail).toMatch(/levels deep/);
    const user = await api('/api/v1/users', { method: 'POST', token: admin, json: { email: `${tag}-shallow@example.com` } });
    expect(user.status).toBe(201);
    const update = await raw('PATCH', `/api/v1/users/${user.body.user.id}`, { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, `{"metadata":${deep}}`);
    expectProblem(update, 400);
  });

  it('metadata deeper than the schema allows gets a field error', async () => {
    let nested: unknown = 'leaf';
    for (let i = 0; i < 12; i += 1) nested = { level: nested };
    const response = await api('/api/v1/users', { method: 'POST', token: admin, json: { email: `${tag}-nested@example.com`, metadata: nested } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ path: 'metadata', message: expect.stringMatching(/at most 8 levels/) }]);
  });

  it.each(['/api/v1/users', '/api/v1/users/count', '/api/v1/users/export'])('a NUL in the pattern of %s is a 400', async (path) => {
    const answer = await raw('GET', `${path}?pattern=a%00b`, { authorization: `Bearer ${admin}` });
    expect(expectProblem(answer, 400).errors[0].path).toBe('query.pattern');
  });

  // JSON can escape half of a surrogate pair, which no UTF-8 text holds: PostgreSQL refused it
  // in jsonb (the audit trail, metadata) with a 500. Stored as U+FFFD, as text columns store it.
  it('a lone surrogate in a JSON body is kept as U+FFFD, in a resource’s name and in metadata keys and values', async () => {
    const json = { 'content-type': 'application/json', authorization: `Bearer ${admin}` };
    const resource = await raw('POST', '/api/v1/resources', json, `{"name":"\\ud800${tag} lone","kind":"report"}`);
    expect(resource.status, resource.body).toBe(201);
    expect(JSON.parse(resource.body).name).toBe(`\ufffd${tag} lone`);
    const user = await raw('POST', '/api/v1/users', json, `{"email":"${tag}-lone@example.com","metadata":{"key\\udc00":"value\\ud83d"}}`);
    expect(user.status, user.body).toBe(201);
    expect(JSON.parse(user.body).user.metadata).toEqual({ 'key\ufffd': 'value\ufffd' });
  });

  it('a NUL in the pattern of a tenant’s member list is a 400', async () => {
    const tenant = await api('/api/v1/tenants', { method: 'POST', token: admin, json: { slug: `${tag}-t`, name: `${tag} tenant` } });
    expect(tenant.status).toBe(201);
    expectProblem(await raw('GET', `/api/v1/tenants/${tenant.body.id}/users?pattern=a%00b`, { authorization: `Bearer ${admin}` }), 400);
  });

  it('a pattern ending in U+10FFFF, the last code point, is searched and counted, not a 500', async () => {
    for (const pattern of ['%F4%8F%BF%BF', '%F1%B9%A0%AC%F4%8F%BF%BF', 'a%ED%9F%BF']) {
      for (const path of ['/api/v1/users/count', '/api/v1/users']) {
        const response = await api(`${path}?pattern=${pattern}`, { token: admin });
        expect(response.status, `${path} ${pattern}`).toBe(200);
      }
    }
  });

  it('the users page with a NUL in its pattern shows an answer, not a server error', async () => {
    const response = await fetch(`${baseUrl()}/users?pattern=a%00b`, { redirect: 'manual' });
    expect(response.status).toBeLessThan(500);
  });

  it('a malformed percent-escape in a path is a 400, on the API and on pages', async () => {
    expectProblem(await raw('GET', '/api/v1/users/%E0%A4%A', { authorization: `Bearer ${admin}` }), 400);
    const page = await raw('GET', '/users/%E0%A4%A');
    expect(page.status).toBe(400);
    expect(page.body).not.toMatch(/Internal Server Error|at .*\.js/);
  });

  it('TRACE is a 405 with Allow, on the API and on pages', async () => {
    const api405 = await raw('TRACE', '/api/v1/me');
    expectProblem(api405, 405);
    expect(api405.headers.allow).toBe('GET, PATCH, HEAD, OPTIONS');
    const page = await raw('TRACE', '/sign-in');
    expect(page.status).toBe(405);
    expect(page.headers.allow).toContain('GET');
  });
});

describe('defect 7: every API error in problem+json', () => {
  it('a method the route does not have is a 405 naming the ones it has', async () => {
    const answer = await raw('PUT', '/api/v1/me', { 'content-type': 'application/json' }, '{}');
    expect(expectProblem(answer, 405).detail).toContain('PUT');
    expect(answer.headers.allow).toBe('GET, PATCH, HEAD, OPTIONS');
    const deleteCount = await raw('DELETE', '/api/v1/users/count');
    expectProblem(deleteCount, 405);
    expect(deleteCount.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('an unknown method is a 405 on a route and a 404 where there is none', async () => {
    const known = await raw('PROPFIND', '/api/v1/users');
    expectProblem(known, 405);
    expect(known.headers.allow).toBe('GET, POST, HEAD, OPTIONS');
    expectProblem(await raw('PROPFIND', '/api/v1/no-such-thing'), 404);
  });
});

describe('defect 9: tenant probing', () => {
  it('another tenant’s slug answers exactly like one that does not exist', async () => {
    const mine = await api('/api/v1/tenants', { method: 'POST', token: admin, json: { slug: `${tag}-mine`, name: `${tag} mine` } });
    const theirs = await api('/api/v1/tenants', { method: 'POST', token: admin, json: { slug: `${tag}-theirs`, name: `${tag} theirs` } });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    const tenantAdmin = await api('/api/v1/users', { method: 'POST', token: admin, json: { email: `${tag}-ta@example.com`, password: PASSWORD, tenant: mine.body.id } });
    expect(tenantAdmin.status).toBe(201);
    expect((await api(`/api/v1/tenants/${mine.body.id}/users/${tenantAdmin.body.user.id}`, { method: 'PUT', token: admin, json: { role: 'admin' } })).status).toBe(200);
    const token = await signInForToken(`${tag}-ta@example.com`, PASSWORD);

    const probe = async (slug: string) => {
      const response = await api(`/api/v1/users?filter=tenant:${slug}`, { token });
      return { status: response.status, detail: String(response.body.detail).replace(slug, '<slug>') };
    };
    const other = await probe(`${tag}-theirs`);
    const unknown = await probe(`${tag}-nowhere`);
    expect(other.status).toBe(400);
    expect(other).toEqual(unknown);
    expect(other.detail).not.toContain("<slug>");
    // Their own tenant still filters.
    expect((await api(`/api/v1/users?filter=tenant:${tag}-mine`, { token })).status).toBe(200);
  });
});

describe('defect 10: loose query strings', () => {
  it('a route without query parameters refuses unknown ones, naming them', async () => {
    const response = await api('/api/v1/deletions?foo=1&bar=2', { token: admin });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(['query.foo', 'query.bar']);
    expect((await api('/api/v1/me?verbose=true', { token: admin })).status).toBe(400);
    expect((await api('/api/v1/deletions', { token: admin })).status).toBe(200);
  });
});

describe('the NUL character', () => {
  it('is refused in any body field with the field named, on /api/v1 and the dialects, and nothing is stored', async () => {
    const email = `${tag}-nul@example.com`;
    const created = await api('/api/v1/users', { method: 'POST', token: admin, json: { email, password: PASSWORD, lastName: 'Null\u0000Byte' } });
    expect(created.status).toBe(422);
    expect(created.body.errors).toEqual([{ path: 'lastName', message: expect.stringContaining('NUL') }]);
    const viaSolvexia = await api('/compat/solvexia/v1/users', { method: 'POST', token: admin, json: { email, firstName: 'Fine', lastName: 'Null\u0000Byte' } });
    expect(viaSolvexia.status).toBeGreaterThanOrEqual(400);
    expect(viaSolvexia.status).toBeLessThan(500);
    expect((await api(`/api/v1/users?pattern=${tag}-nul`, { token: admin })).body.items).toEqual([]);
  });
});
