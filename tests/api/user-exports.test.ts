import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLargeUserSet } from '@/db/seed';
import { openDatabaseTools } from '@/db/tools';
import { apiAt } from '../support/api';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink';

// A server of its own that mails over real SMTP: the personal-data export is checked against a
// reset code that really went out.
let sink: SmtpSink;
let server: RunningServer;
let admin: string;
let tenantAdmin: string;
const RUN = `x${Date.now().toString(36)}`;
// More than the list's largest page (100), so an export that stopped at one page would show.
const PEOPLE = 150;
// Generated users besides: more than an export reads in one batch, so batches follow each other by keyset.
const GENERATED = 2500;
const PASSWORD = 'export suite pass phrase';
const TENANT = `${RUN}-t`;
const OTHER_TENANT = `${RUN}-o`;
const FIRST_NAMES = ['Zoë', 'ann', 'Bob', '=cmd', 'Chen, Wei', 'Dana "D"', 'Eve'];

type Json = Record<string, any>;

const call = (path: string, token: string) => apiAt(server.url, path, { token });

async function ok(path: string, token: string, init: { method?: string; json?: unknown } = {}): Promise<Json> {
  const response = await apiAt(server.url, path, { token, ...init });
  expect(response.status, `${init.method ?? 'GET'} ${path}: ${response.text}`).toBeLessThan(300);
  return response.body;
}

/** The users of the list under `query`, every page, through its cursor. */
async function listed(query: URLSearchParams, token: string): Promise<Json[]> {
  const items: Json[] = [];
  let cursor: string | null = null;
  do {
    const page = new URLSearchParams(query);
    page.set('limit', '100');
    page.set('includeTotal', 'false');
    if (cursor) page.set('cursor', cursor);
    const body = await ok(`/api/v1/users?${page}`, token);
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

/** An export as its rows: CSV parsed by a real CSV parser (header row as keys), NDJSON a line each. */
async function exported(query: URLSearchParams, token: string): Promise<{ rows: Json[]; header: string[]; response: Awaited<ReturnType<typeof call>> }> {
  const response = await call(`/api/v1/users/export?${query}`, token);
  expect(response.status, response.text).toBe(200);
  if (query.get('format') === 'ndjson') {
    const lines = response.text.split('\n');
    expect(lines.pop()).toBe('');
    const rows = lines.map((line) => JSON.parse(line) as Json);
    return { rows, header: rows.length ? Object.keys(rows[0]) : [], response };
  }
  const records = parse(response.text) as string[][];
  const [header, ...values] = records;
  return { rows: values.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]]))), header, response };
}

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({ env: { SMTP_URL: sink.url } });
  admin = (await ok('/api/v1/auth/token', '', { method: 'POST', json: { email: TEST_ADMIN.email, password: TEST_ADMIN.password } })).token;
  await ok('/api/v1/tenants', admin, { method: 'POST', json: { slug: TENANT, name: 'Export Co' } });
  await ok('/api/v1/tenants', admin, { method: 'POST', json: { slug: OTHER_TENANT, name: 'Other Co' } });
  const tools = openDatabaseTools(server.databaseUrl);
  try {
    await seedLargeUserSet(tools, GENERATED);
  } finally {
    await tools.close();
  }
  for (let i = 0; i < PEOPLE; i += 1) {
    const body = {
      email: `${RUN}.${String(i).padStart(3, '0')}@example.com`,
      firstName: FIRST_NAMES[i % FIRST_NAMES.length],
      // Many share a last name, so sorting by it leans on the tie-break.
      ...(i % 4 !== 0 && { lastName: `Last${i % 9}` }),
      sendInvite: false,
      ...(i % 3 === 0 && { scope: ['user', `${RUN}s`] }),
      ...(i % 2 === 0 ? { tenant: TENANT } : i % 5 === 0 ? { tenant: OTHER_TENANT } : {}),
    };
    await ok('/api/v1/users', admin, { method: 'POST', json: body });
  }
  const boss = (await ok('/api/v1/users', admin, { method: 'POST', json: { email: `boss.${RUN}@example.com`, password: PASSWORD } })).user;
  await ok(`/api/v1/tenants/${TENANT}/users/${boss.id}`, admin, { method: 'PUT', json: { role: 'admin' } });
  tenantAdmin = (await ok('/api/v1/auth/token', '', { method: 'POST', json: { email: boss.email, password: PASSWORD } })).token;
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await sink?.stop();
});

const q = (entries: Record<string, string | string[]>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) for (const one of [value].flat()) search.append(key, one);
  return search;
};

describe('GET /api/v1/users/export', () => {
  it('streams as CSV every user the list shows under the same pattern, filter and sort, past the list’s largest page', async () => {
    for (const sort of ['email:1', 'created:-1', 'lastName:1', 'username:-1']) {
      const list = await listed(q({ pattern: RUN, sort }), admin);
      expect(list.length).toBe(PEOPLE + 1);
      const { rows, header, response } = await exported(q({ pattern: RUN, sort }), admin);
      expect(header).toEqual(['id', 'email', 'username', 'firstName', 'lastName', 'role', 'status', 'scopes', 'tenants', 'plan', 'createdAt', 'lastSignInAt']);
      expect(rows.map((row) => row.id), sort).toEqual(list.map((user) => user.id));
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="users-\d{8}\.csv"$/);
      for (const [i, user] of list.entries()) {
        // A cell that a spreadsheet would run as a formula is prefixed with a quote.
        const shownFirstName = user.firstName?.startsWith('=') ? `'${user.firstName}` : (user.firstName ?? '');
        expect(rows[i]).toEqual({
          id: user.id,
          email: user.email,
          username: user.username,
          firstName: shownFirstName,
          lastName: user.lastName ?? '',
          role: user.role,
          status: user.status,
          scopes: user.scope.join(' '),
          tenants: user.tenants.map((tenant: Json) => tenant.slug).sort().join(' '),
          plan: user.plan,
          createdAt: user.createdAt,
          lastSignInAt: user.lastSignInAt ?? '',
        });
      }
    }
  });

  it('writes every column as the user’s own page holds it, in both formats, whatever the text holds', async () => {
    const fields = {
      email: `allcols.${RUN}@example.com`,
      password: PASSWORD,
      firstName: '+Plus',
      lastName: '@at "home"',
      city: 'Paris,\nRive gauche',
      country: 'Côte d’Ivoire',
      department: '－minus\r\nlab',
      plan: '=1+1',
      timezone: 'Europe/Paris',
      dateOfBirth: '1990-02-03',
      phoneMobile: '+33 1 23 45 67 89',
      phoneLand: '01 23 45',
      vendor: ['sap', 'b,c'],
      metadata: { note: 'a "quoted", comma\nline', ü: [1, { b: null }], n: 1.5, t: true },
      scope: ['zeta', 'user', 'alpha'],
      // Not the tenant admin's tenant: their test counts its members.
      tenant: OTHER_TENANT,
    };
    const created = (await ok('/api/v1/users', admin, { method: 'POST', json: fields })).user;
    await ok(`/api/v1/users/${created.id}`, admin, { method: 'PATCH', json: { metadata: { ...fields.metadata, edited: 'yes' } } });
    await ok('/api/v1/auth/token', '', { method: 'POST', json: { email: fields.email, password: PASSWORD } });
    const user = await ok(`/api/v1/users/${created.id}`, admin);
    expect(user).toMatchObject({ version: 2, lastSignInAt: expect.any(String) });
    const columns = 'id,email,username,firstName,lastName,role,status,scopes,tenants,plan,vendor,metadata,city,country,dateOfBirth,department,phoneLand,phoneMobile,timezone,createdAt,updatedAt,lastSignInAt,version';
    const expected: Json = {
      ...Object.fromEntries(columns.split(',').map((column) => [column, user[column]])),
      scopes: [...user.scope].sort(),
      tenants: user.tenants.map((tenant: Json) => tenant.slug),
    };

    const ndjson = await exported(q({ pattern: `allcols.${RUN}`, format: 'ndjson', columns }), admin);
    expect(ndjson.rows).toEqual([expected]);
    expect(ndjson.header).toEqual(columns.split(','));

    // CSV: a cell a spreadsheet would run as a formula starts with a quote; lists are
    // space-separated, JSON columns JSON text, and the file parses back to the same values.
    const csv = await exported(q({ pattern: `allcols.${RUN}`, format: 'csv', columns }), admin);
    expect(csv.header).toEqual(columns.split(','));
    expect(csv.rows).toHaveLength(1);
    const [row] = csv.rows;
    const { vendor, metadata, scopes, tenants, version, ...texts } = expected;
    for (const [column, value] of Object.entries(texts)) {
      const shown = typeof value === 'string' && /^[=+\-@\t\r＝＋－＠]/.test(value) ? `'${value}` : (value ?? '');
      expect(row[column], column).toBe(shown);
    }
    expect(JSON.parse(row.vendor)).toEqual(vendor);
    expect(JSON.parse(row.metadata)).toEqual(metadata);
    expect(row.scopes).toBe(scopes.join(' '));
    expect(row.tenants).toBe(tenants.join(' '));
    expect(row.version).toBe('2');
  });

  it('starts a CSV with a byte-order mark, so spreadsheets read it as UTF-8', async () => {
    const response = await fetch(`${server.url}/api/v1/users/export?pattern=${RUN}`, { headers: { authorization: `Bearer ${admin}` } });
    expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('streams the whole directory, thousands of users in many batches, in the list’s order', async () => {
    for (const sort of ['lastName:1', 'created:-1', 'lastSignIn:-1']) {
      const list = await listed(q({ sort }), admin);
      expect(list.length).toBeGreaterThan(GENERATED);
      const { rows } = await exported(q({ sort, format: 'ndjson', columns: 'id,lastName,scopes,tenants' }), admin);
      expect(rows).toEqual(list.map((user) => ({ id: user.id, lastName: user.lastName, scopes: user.scope, tenants: user.tenants.map((tenant: Json) => tenant.slug).sort() })));
    }
    const scoped = await listed(q({ filter: 'scope:user', sort: 'email:1' }), admin);
    const { rows } = await exported(q({ filter: 'scope:user', sort: 'email:1', columns: 'id' }), admin);
    expect(rows.map((row) => row.id)).toEqual(scoped.map((user) => user.id));
  });

  it('streams NDJSON with the chosen columns, in their order, for filters on scopes and tenants', async () => {
    const cases = [
      { filter: [`scope:${RUN}s`], sort: 'created:1' },
      { filter: [`tenant:${TENANT}`, 'status:pending'], sort: 'lastName:-1' },
      { filter: [`tenant:${TENANT}`, `tenant:${OTHER_TENANT}`], sort: 'email:-1' },
    ];
    for (const { filter, sort } of cases) {
      const list = await listed(q({ pattern: RUN, filter, sort }), admin);
      expect(list.length).toBeGreaterThan(40);
      const { rows, response } = await exported(q({ pattern: RUN, filter, sort, format: 'ndjson', columns: 'email,tenants,scopes,createdAt,id' }), admin);
      expect(response.headers.get('content-type')).toBe('application/x-ndjson');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="users-\d{8}\.ndjson"$/);
      expect(rows).toEqual(
        list.map((user) => ({ email: user.email, tenants: user.tenants.map((tenant: Json) => tenant.slug).sort(), scopes: user.scope, createdAt: user.createdAt, id: user.id })),
      );
      expect(Object.keys(rows[0])).toEqual(['email', 'tenants', 'scopes', 'createdAt', 'id']);
    }
  });

  it('gives a tenant admin the members of their tenants only, as their list does', async () => {
    const list = await listed(q({ pattern: RUN, sort: 'email:1' }), tenantAdmin);
    const { rows } = await exported(q({ pattern: RUN, sort: 'email:1', format: 'ndjson', columns: 'id,tenants' }), tenantAdmin);
    expect(rows.map((row) => row.id)).toEqual(list.map((user) => user.id));
    // Users 0, 2, 4… and the tenant admin themselves.
    expect(rows.length).toBe(PEOPLE / 2 + 1);
    for (const row of rows) expect(row.tenants).toContain(TENANT);
    // A tenant beyond their reach is as unknown as one that does not exist.
    const other = await call(`/api/v1/users/export?filter=tenant:${OTHER_TENANT}`, tenantAdmin);
    expect(other.status).toBe(400);
  });

  it('answers an unknown column, a bad filter or format with a problem naming it, not a broken download', async () => {
    const column = await call('/api/v1/users/export?columns=email,passwordHash', admin);
    expect(column.status).toBe(400);
    expect(column.headers.get('content-type')).toBe('application/problem+json');
    expect(column.body.errors).toEqual([expect.objectContaining({ path: 'query.columns', message: expect.stringContaining('"passwordHash"') })]);
    const filter = await call('/api/v1/users/export?filter=colour:red&format=ndjson', admin);
    expect(filter.status).toBe(400);
    expect(filter.body.errors).toEqual([expect.objectContaining({ path: 'filter', message: expect.stringContaining('colour') })]);
    const format = await call('/api/v1/users/export?format=xlsx', admin);
    expect(format.status).toBe(400);
    expect(format.body.errors).toEqual([expect.objectContaining({ path: 'query.format' })]);
  });

  it('records who exported what in the audit trail', async () => {
    await exported(q({ pattern: RUN, filter: `scope:${RUN}s`, sort: 'email:1', format: 'ndjson', columns: 'email' }), tenantAdmin);
    const events = await ok('/api/v1/audit?filter=action:users.exported&limit=1', admin);
    expect(events.items[0]).toMatchObject({
      action: 'users.exported',
      actorKind: 'token',
      after: { format: 'ndjson', pattern: RUN, filter: [`scope:${RUN}s`], sort: 'email:1', columns: ['email'] },
    });
  });
});

describe('GET /api/v1/users/:id/export', () => {
  let person: Json;
  let secrets: Record<string, string>;

  beforeAll(async () => {
    person = (await ok('/api/v1/users', admin, { method: 'POST', json: { email: `person.${RUN}@example.com`, firstName: 'Pat', password: PASSWORD, tenant: TENANT } })).user;
    const token = (await ok('/api/v1/auth/token', '', { method: 'POST', json: { email: person.email, password: PASSWORD } })).token;
    const accessKey = (await ok(`/api/v1/users/${person.id}/access-key`, admin)).accessKey;
    const resource = await ok('/api/v1/resources', admin, { method: 'POST', json: { name: `${RUN} ledger`, kind: 'report', tenantId: (await ok(`/api/v1/tenants/${TENANT}`, admin)).id } });
    await ok(`/api/v1/users/${person.id}/permissions/${resource.id}`, admin, { method: 'PUT', json: { role: 'reader' } });
    const mark = sink.mails.length;
    await apiAt(server.url, '/api/v1/password/forgot', { method: 'POST', json: { email: person.email } });
    const mail = await sink.waitForMail((found) => sink.mails.indexOf(found) >= mark && found.to.includes(person.email));
    const code = linkIn(mail, '/reset-password').searchParams.get('code')!;
    expect(code.length).toBeGreaterThan(10);
    secrets = { password: PASSWORD, token, accessKey, code };
  });

  /** Every way a secret could show: the clear values, and the stored forms of hashes and signing secrets. */
  function expectNoSecret(text: string) {
    for (const [name, secret] of Object.entries(secrets)) expect(text.includes(secret), `the ${name} is in the export`).toBe(false);
    expect(text).not.toMatch(/\$argon2|\$scrypt|\$2[aby]\$|pbkdf2_sha256|whsec_/);
    expect(text, 'a hash in hex').not.toMatch(/[0-9a-f]{40,}/i);
  }

  it('gives one JSON document with every section and no secret', async () => {
    const response = await call(`/api/v1/users/${person.id}/export`, admin);
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="user-${person.id}-data-${new Date().toISOString().slice(0, 10)}.json"`);
    const document = response.body;
    expect(Object.keys(document)).toEqual(['exportedAt', 'user', 'scopes', 'memberships', 'permissions', 'sessions', 'oneTimeCodes', 'mail', 'auditEvents']);
    expect(document.user).toMatchObject({ id: person.id, email: person.email, firstName: 'Pat' });
    expect(document.user).not.toHaveProperty('passwordHash');
    expect(document.memberships).toEqual([{ tenant: expect.objectContaining({ slug: TENANT }), role: 'user', since: expect.any(String) }]);
    expect(document.permissions).toEqual([expect.objectContaining({ resource: `${RUN} ledger`, role: 'reader', expiresAt: null })]);
    expect(document.sessions.apiTokens).toEqual([expect.objectContaining({ createdAt: expect.any(String), revokedAt: null })]);
    expect(document.sessions.accessKey).toEqual(expect.objectContaining({ issuedAt: expect.any(String) }));
    expect(document.oneTimeCodes).toEqual([expect.objectContaining({ purpose: 'password-reset', usedAt: null })]);
    expect(document.mail).toEqual([expect.objectContaining({ kind: 'password-reset', subject: expect.any(String) })]);
    const actions = document.auditEvents.map((event: Json) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'sign-in.succeeded', 'token.issued', 'permission.granted', 'user.data.exported']));
    const times = document.auditEvents.map((event: Json) => event.at);
    expect(times).toEqual([...times].sort());
    expectNoSecret(response.text);
  });

  it('lets the user export their own data, without the addresses of others acting on them', async () => {
    const token = (await ok('/api/v1/auth/token', '', { method: 'POST', json: { email: person.email, password: PASSWORD } })).token;
    secrets.ownToken = token;
    const response = await call('/api/v1/me/export', token);
    expect(response.status, response.text).toBe(200);
    expect(response.body.user.id).toBe(person.id);
    const byOthers = response.body.auditEvents.filter((event: Json) => event.actor !== person.id);
    expect(byOthers.length).toBeGreaterThan(0);
    for (const event of byOthers) expect(event).toMatchObject({ ip: null, userAgent: null });
    expectNoSecret(response.text);
  });

  it('answers 404 for a user beyond the caller’s reach, and audits each export', async () => {
    const outsider = (await ok('/api/v1/users', admin, { method: 'POST', json: { email: `outsider.${RUN}@example.com`, sendInvite: false } })).user;
    expect((await call(`/api/v1/users/${outsider.id}/export`, tenantAdmin)).status).toBe(404);
    expect((await call('/api/v1/users/usr_doesnotexist/export', admin)).status).toBe(404);
    // A system admin in their tenant is not theirs to export: their sessions and addresses are beyond a tenant admin.
    const chief = (await ok('/api/v1/users', admin, { method: 'POST', json: { email: `chief.${RUN}@example.com`, sendInvite: false, scope: ['admin'], tenant: TENANT } })).user;
    expect((await call(`/api/v1/users/${chief.id}/export`, tenantAdmin)).status).toBe(403);
    const member = await call(`/api/v1/users/${person.id}/export`, tenantAdmin);
    expect(member.status).toBe(200);
    // The resource belongs to their tenant, so its grant is theirs to see.
    expect(member.body.permissions).toHaveLength(1);
    const events = await ok(`/api/v1/audit?filter=action:user.data.exported&filter=target:${person.id}`, admin);
    expect(events.items.length).toBe(3);
    expect(events.items[0]).toMatchObject({ actorKind: 'token', target: person.id });
  });
});
