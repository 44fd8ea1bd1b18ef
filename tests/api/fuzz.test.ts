import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mount } from '@/lib/api/route-methods';
import { api, baseUrl, signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { integrityProblems } from '../support/engine-specific';
import { fuzzRoutesFromDocument, INPUT_CLASSES, materialize, planRecipes, type Caller, type Context, type FuzzRequest, type OpenApiDocument, type Pools } from '../support/hostile-requests';
import { canSpeakFrom, rawClient, type RawResponse } from '../support/raw-http';
import { Contract, ContractViolation, type OpenApiDocument as ServedDocument } from '../support/contract';
import { API_MOUNTS, API_ROOT } from '../support/routes';
import { TEST_ADMIN } from '../support/server';

/**
 * Issue 12: every API route, sent thousands of malformed requests, answers each with a
 * status below 500, every error as application/problem+json, every 405 with Allow; the
 * server stays up and the database passes the integrity and foreign-key checks.
 * Issue 14: the same for every route of the vendor dialects under /compat, each called with
 * its vendor's credential header and answering errors in its vendor's shape (MOUNT_RULES);
 * no answer on any mount is an HTML page or shows a stack trace.
 * Issue 18: the routes, their query parameters and body fields come from the OpenAPI document
 * the server publishes, callers include a tenant admin, and every answer must be one the
 * document declares for its operation, its body valid against the declared schema.
 *
 * The requests are drawn from a seed (printed; FUZZ_SEED repeats a run): at least 2,000 of
 * them within a minute in `npm test` (up to 10,000), the whole plan of 20,000 in `npm run fuzz`. Failures are collected and reported together in one message: by kind
 * (status, input class, fault) and by route, each group with its methods and a first example.
 *
 * The fuzz shares the server and database with the other API test files, so it keeps its
 * hands off what they use: it acts through an admin and users of its own, fills ids only
 * with objects it made, speaks from a loopback address of its own (throttling is per client
 * address), and afterwards deletes every user, tenant and resource created while it ran and
 * puts the password policy back.
 */

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomInt(2 ** 31);
// `npm test` sends a seeded subset within a minute; `npm run fuzz` (FUZZ_FULL=true) the whole plan, however long it takes.
const FULL = process.env.FUZZ_FULL === 'true';
const PLANNED = FULL ? 20_000 : 10_000;
const AT_LEAST = FULL ? PLANNED : 2_000;
const TIME_BUDGET_MS = FULL ? 15 * 60_000 : 60_000;
const IN_FLIGHT = 8;
const FUZZ_ADDRESS = '127.0.0.13';
const PASSWORD = 'fuzz suite passphrase 8';
// No underscore: the users suite counts users whose names contain one.
const tag = `fz${Date.now().toString(36)}`;
// Routes whose POST counts failures per client address (sign-in, codes, sign-up), on every mount: left alone
// where the fuzz cannot speak from an address of its own, or the files after it would meet 429s.
const THROTTLED_PER_ADDRESS = new Set([
  ...['auth/token', 'password/forgot', 'password/reset', 'invitations/accept', 'me/password', 'users'].map((route) => `api/v1/${route}`),
  ...['user', 'user/auth', 'user/change-password', 'forgot-password', 'forgot-password/reset', 'user/forgot-password', 'user/forgot-password/reset'].map((route) => `compat/appmixer/${route}`),
  'compat/telm/api/auth/auth/token',
  'compat/solvexia/oauth/token',
]);

type Secrets = { token: string; accessKey: string };
const isText = (value: unknown) => typeof value === 'string';

/**
 * What each mount expects of a call and of its error answers (lib/compat/<vendor>/door.ts,
 * docs/compat.md): the header that carries a caller's credential, the media type of an error,
 * and the fields of an error body at a path as sent, each with its check.
 */
type FieldChecks = Record<string, (value: unknown) => boolean>;
const MOUNT_RULES: Record<Mount, { credential: { header: string; value: (secrets: Secrets) => string }; errorType: string; errorFields: (pathname: string, status: number) => FieldChecks }> = {
  'api/v1': {
    credential: { header: 'authorization', value: ({ token }) => `Bearer ${token}` },
    errorType: 'application/problem+json',
    errorFields: (_, status) => ({ type: isText, title: isText, detail: isText, status: (value) => value === status }),
  },
  // hapi's error: `error` is the status's reason phrase.
  'compat/appmixer': {
    credential: { header: 'authorization', value: ({ token }) => `Bearer ${token}` },
    errorType: 'application/json',
    errorFields: (_, status) => ({ statusCode: (value) => value === status, error: isText, message: isText }),
  },
  // The raw access key, no scheme.
  'compat/tyk': {
    credential: { header: 'authorization', value: ({ accessKey }) => accessKey },
    errorType: 'application/json',
    errorFields: () => ({ Status: (value) => value === 'Error', Message: isText, Meta: (value) => value === null || isText(value) }),
  },
  'compat/telm': {
    credential: { header: 'authentication', value: ({ token }) => `Bearer ${token}` },
    errorType: 'application/json',
    errorFields: () => ({ message: isText }),
  },
  // The token endpoint answers OAuth's errors (RFC 6749 §5.2); every other path (oauth/token/x too) Solvexia's error object.
  'compat/solvexia': {
    credential: { header: 'authorization', value: ({ token }) => `Bearer ${token}` },
    errorType: 'application/json',
    errorFields: (pathname): FieldChecks => (/\/oauth\/token\/?$/.test(pathname) ? { error: isText, error_description: isText } : { message: isText, supportId: isText }),
  },
};

// A stack frame (`at fn (file.ts:12:5)`) or a path into the server's code. Bounded and kept within a line: unbounded
// `.*` backtracked for seconds over a large answer with many "at" and parentheses (the OpenAPI document).
const STACK_TRACE = /\bat [^\n()]{0,200}\([^\n()]{0,300}:\d+:\d+\)|node_modules|\.next\/server/;

const where = ({ mount, route }: { mount: Mount; route: string }) => `${mount}/${route}`;

let env: Awaited<ReturnType<typeof useServerDatabase>>;
let testAdmin = '';
let context: Context;
let contract: Contract;
let secrets: Record<Exclude<Caller, 'anonymous'>, Secrets>;
let localAddress: string | undefined;
let before: { userPk: number; tenants: Set<string>; resources: Set<string>; policy: { minLength: number; requiredClasses: string[] } };

async function asTestAdmin(method: string, url: string, json?: unknown) {
  const response = await api(url, { method, token: testAdmin, json });
  if (response.status >= 400) throw new Error(`${method} ${url} failed in setup: ${response.status} ${response.text}`);
  return response.body;
}

const activeDeletions = () => env.count(sql`SELECT count(*) FROM deletion_jobs WHERE status IN ('queued', 'in-progress')`);

async function deletionsSettle(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await activeDeletions()) > 0) {
    if (Date.now() > deadline) throw new Error(`${await activeDeletions()} deletions still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  if (!Number.isSafeInteger(SEED)) throw new Error(`FUZZ_SEED must be an integer, not ${process.env.FUZZ_SEED}`);
  env = await useServerDatabase();
  testAdmin = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  const ids = async (table: 'tenants' | 'resources') => new Set((await env.rows<{ id: string }>(sql`SELECT id FROM ${sql.identifier(table)}`)).map((row) => row.id));
  const policy = (await asTestAdmin('GET', '/api/v1/settings/password-policy')) as { minLength: number; requiredClasses: string[] };
  before = {
    userPk: await env.count(sql`SELECT coalesce(max(pk), 0) FROM users`),
    tenants: await ids('tenants'),
    resources: await ids('resources'),
    policy: { minLength: policy.minLength, requiredClasses: policy.requiredClasses },
  };

  const tenantA = (await asTestAdmin('POST', '/api/v1/tenants', { slug: `${tag}-a`, name: 'Fuzz A' })) as { id: string; slug: string };
  const [tenantB, tenantC] = [
    (await asTestAdmin('POST', '/api/v1/tenants', { slug: `${tag}-b`, name: 'Fuzz B' })) as { id: string },
    (await asTestAdmin('POST', '/api/v1/tenants', { slug: `${tag}-c`, name: 'Fuzz C' })) as { id: string },
  ];
  const newUser = async (name: string, fields: Record<string, unknown>) =>
    ((await asTestAdmin('POST', '/api/v1/users', { email: `${tag}-${name}@example.com`, ...fields })) as { user: { id: string } }).user.id;
  // Callers the fuzz may wreck: never the shared test admin, whose token and password the other files use.
  await newUser('admin', { password: PASSWORD, scope: ['admin'] });
  await newUser('plain', { password: PASSWORD });
  const tenantAdmin = await newUser('tadmin', { password: PASSWORD, tenant: tenantA.slug });
  await asTestAdmin('PUT', `/api/v1/tenants/${tenantA.id}/users/${tenantAdmin}`, { role: 'admin' });
  const victims: string[] = [];
  for (let i = 0; i < 6; i++) victims.push(await newUser(`v${i}`, { tenant: tenantA.slug, ...(i % 2 ? { password: PASSWORD } : { sendInvite: false }) }));
  const resources: string[] = [];
  for (let i = 0; i < 3; i++) resources.push(((await asTestAdmin('POST', '/api/v1/resources', { name: `${tag} r${i}`, kind: 'report', tenantId: tenantA.id })) as { id: string }).id);
  await asTestAdmin('PUT', `/api/v1/users/${victims[1]}/permissions/${resources[0]}`, { role: 'reader' });
  const { ticket } = (await asTestAdmin('DELETE', `/api/v1/users/${victims[0]}`)) as { ticket: string };
  // telm.ai's paths name a tenant by slug and a user by email: a tenant and members of their own, which no other
  // mount's calls rename (a PATCH through /api/v1 may change a slug or an email).
  const telmTenant = (await asTestAdmin('POST', '/api/v1/tenants', { slug: `${tag}-t`, name: 'Fuzz telm' })) as { slug: string };
  const telmEmails: string[] = [];
  for (let i = 0; i < 4; i++) {
    telmEmails.push(`${tag}-t${i}@example.com`);
    await newUser(`t${i}`, { tenant: telmTenant.slug, ...(i % 2 ? { password: PASSWORD } : { sendInvite: false }) });
  }

  const secretsOf = async (email: string): Promise<Secrets> => {
    const token = await signInForToken(email, PASSWORD);
    return { token, accessKey: ((await api('/api/v1/me/access-key', { token })).body as { accessKey: string }).accessKey };
  };
  secrets = {
    'plain user': await secretsOf(`${tag}-plain@example.com`),
    'tenant admin': await secretsOf(`${tag}-tadmin@example.com`),
    'system admin': await secretsOf(`${tag}-admin@example.com`),
  };
  expect((await api('/api/v1/mail', { token: secrets['system admin'].token })).status, 'the fuzz admin is a system admin').toBe(200);
  expect(secrets['system admin'].accessKey, 'the fuzz admin has an access key for Tyk').toMatch(/\S{16,}/);

  const served = (await api('/api/v1/openapi.json')).body;
  contract = new Contract(served as ServedDocument);
  const shared: Pools = {
    users: victims.slice(0, 4),
    // Ids, not slugs: a PATCH may rename the slug.
    tenants: [tenantA.id],
    resources: resources.slice(0, 1),
    tickets: [ticket],
    emails: [],
    expendable: { users: victims.slice(4), tenants: [tenantB.id, tenantC.id], resources: resources.slice(1) },
  };
  const telm: Pools = { users: [], tenants: [telmTenant.slug], resources: [], tickets: [], emails: telmEmails.slice(0, 2), expendable: { emails: telmEmails.slice(2) } };
  context = {
    routes: fuzzRoutesFromDocument(served as OpenApiDocument, API_MOUNTS),
    pools: { 'api/v1': shared, 'compat/appmixer': shared, 'compat/tyk': shared, 'compat/telm': telm, 'compat/solvexia': shared },
    tag,
  };
  localAddress = (await canSpeakFrom(baseUrl(), FUZZ_ADDRESS)) ? FUZZ_ADDRESS : undefined;
  if (!localAddress) console.warn(`[fuzz] cannot send from ${FUZZ_ADDRESS}: leaving out POSTs to ${[...THROTTLED_PER_ADDRESS].join(', ')}`);
});

afterAll(async () => {
  if (!env || !testAdmin) return;
  const started = Date.now();
  const problems: string[] = [];
  let removed = 0;
  const tidy = async (method: string, url: string, json?: unknown) => {
    const response = await api(url, { method, token: testAdmin, json });
    if (method === 'DELETE') removed += 1;
    if (response.status >= 400 && response.status !== 404) problems.push(`${method} ${url}: ${response.status} ${response.text.slice(0, 200)}`);
  };
  await tidy('PUT', '/api/v1/settings/password-policy', before.policy);
  const ids = async (query: SQL) => (await env.rows<{ id: string }>(query)).map((row) => row.id);
  // Every user made while the fuzz ran is the fuzz's (files run one at a time), its admin included: the shared
  // admin must stay the last active one, and names the fuzz chose must not turn up in other files' searches.
  for (const id of await ids(sql`SELECT id FROM users WHERE pk > ${before.userPk}`)) await tidy('DELETE', `/api/v1/users/${id}`);
  for (const id of await ids(sql`SELECT id FROM resources`)) if (!before.resources.has(id)) await tidy('DELETE', `/api/v1/resources/${id}`);
  for (const id of await ids(sql`SELECT id FROM tenants`)) if (!before.tenants.has(id)) await tidy('DELETE', `/api/v1/tenants/${id}?force=true`);
  await deletionsSettle(60_000);
  console.log(`[fuzz] removed ${removed} users, resources and tenants the fuzz made, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (problems.length) throw new Error(`Cleaning up after the fuzz failed:\n${problems.join('\n')}`);
});

type Failure = { request: FuzzRequest; status: number | 'no answer'; fault: string; contentType: string; bodyStart: string };

const header = (response: RawResponse, name: string) => [response.headers[name]].flat()[0];

/**
 * What is wrong with an answer, or null: below 500; never an HTML page nor a stack trace; an error is in
 * its mount's shape (problem+json whose status is the HTTP one on /api/v1, the vendor's JSON under /compat);
 * a 405 says Allow.
 */
function judge(request: FuzzRequest, response: RawResponse): string | null {
  const faults: string[] = [];
  const contentType = header(response, 'content-type')?.split(';')[0].trim().toLowerCase();
  const text = response.body.toString('utf8');
  if (contentType === 'text/html' || /^\s*<(!doctype|html)/i.test(text)) faults.push('an HTML page');
  if (STACK_TRACE.test(text)) faults.push('a stack trace');
  if (response.status >= 400) {
    const rules = MOUNT_RULES[request.mount];
    if (response.status >= 500) faults.push('server error');
    if (contentType !== rules.errorType) faults.push(`not ${rules.errorType} (${contentType ?? 'no content-type'})`);
    // A HEAD answer has the headers of the GET one and no body.
    else if (request.method !== 'HEAD') {
      let error: unknown = null;
      try {
        error = JSON.parse(text);
      } catch {
        faults.push('body is not JSON');
      }
      if (error !== null && typeof error === 'object' && !Array.isArray(error)) {
        const fields = Object.entries(rules.errorFields(request.path.split('?')[0], response.status));
        const wrong = fields.filter(([key, valid]) => !valid((error as Record<string, unknown>)[key])).map(([key]) => `${key}: ${JSON.stringify((error as Record<string, unknown>)[key]) ?? 'missing'}`);
        if (wrong.length) faults.push(`error not in the mount's shape (${wrong.join(', ')})`);
      } else if (!faults.includes('body is not JSON')) faults.push('error body is not a JSON object');
    }
    if (response.status === 405 && !header(response, 'allow')) faults.push('405 without Allow');
  }
  try {
    const headers = new Headers(Object.entries(response.headers).flatMap(([name, value]) => [value].flat().filter((v) => v !== undefined).map((v): [string, string] => [name, String(v)])));
    contract.check({ method: request.method, url: `${baseUrl()}${request.path}`, status: response.status, headers, text });
  } catch (error) {
    if (!(error instanceof ContractViolation)) throw error;
    faults.push(`not as the document says: ${error.message.replace(/^Contract: .*? answered \d+: /s, '').slice(0, 200)}`);
  }
  return faults.length ? faults.join('; ') : null;
}

function report(failures: Failure[], sent: number): string {
  const groupBy = (key: (f: Failure) => string) => {
    const groups = new Map<string, Failure[]>();
    for (const failure of failures) groups.set(key(failure), [...(groups.get(key(failure)) ?? []), failure]);
    return [...groups];
  };
  const distinct = (list: Failure[], pick: (f: Failure) => string) => [...new Set(list.map(pick))];
  const methods = (list: Failure[]) => {
    const all = distinct(list, (f) => f.request.method);
    return all.length > 12 ? `${all.slice(0, 12).join(' ')} and ${all.length - 12} more` : all.join(' ');
  };
  // The same fault across routes and methods: what one fix must cover.
  const kinds = groupBy((f) => `${f.status} [${f.request.inputClass}]: ${f.fault}`).sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1));
  const groups = groupBy((f) => `${f.status} ${where(f.request)} [${f.request.inputClass}${f.request.place ? ` ${f.request.place}` : ''}]: ${f.fault}`).sort(([a], [b]) => (a < b ? 1 : -1));
  const example = ({ request, contentType, bodyStart }: Failure) =>
    `as ${request.caller}: ${request.method} ${request.path.length > 140 ? `${request.path.slice(0, 140)}…` : request.path}` +
    `${request.body ? ` with ${JSON.stringify(request.body.subarray(0, 60).toString('utf8'))}…` : ''} -> ${contentType} ${JSON.stringify(bodyStart)}`;
  return [
    `${failures.length} of ${sent} fuzz answers failed the checks (seed ${SEED}; FUZZ_SEED=${SEED} repeats the run).`,
    '',
    'By kind: status [input class]: fault ×answers; methods; routes',
    ...kinds.map(([key, list]) => `  ${key} ×${list.length}; ${methods(list)}; ${distinct(list, (f) => where(f.request)).length} route(s)`),
    '',
    'By route: status route [input class, place]: fault ×answers (methods), and the first example',
    ...groups.flatMap(([key, list]) => [`  ${key} ×${list.length} (${methods(list)})`, `      ${example(list[0])}`]),
  ].join('\n');
}

describe('fuzzing every operation of the OpenAPI document, /api/v1 and the dialects (issues 12, 14 and 18)', () => {
  it(`answers ${AT_LEAST}+ malformed requests below 500, each as the document declares it, every 405 with Allow`, async () => {
    console.log(`[fuzz] seed ${SEED} (set FUZZ_SEED=${SEED} to repeat), from ${localAddress ?? 'the default address'}`);
    const client = rawClient(baseUrl(), { localAddress, maxSockets: IN_FLIGHT, timeoutMs: 30_000 });
    const { recipes, gridSize } = planRecipes(SEED, context.routes, PLANNED);
    const failures: Failure[] = [];
    const perRoute = new Map<string, number>();
    const perClass = new Map<string, number>();
    // Requests per mount, and of them the ones that got past every check into a success: how deep the fuzz reaches.
    const perMount = new Map<Mount, { sent: number; succeeded: number }>();
    const started = Date.now();
    let next = 0;
    let sent = 0;
    const count = (mount: Mount) => perMount.get(mount) ?? perMount.set(mount, { sent: 0, succeeded: 0 }).get(mount)!;
    const worker = async () => {
      while (next < recipes.length && Date.now() - started < TIME_BUDGET_MS) {
        const request = materialize(recipes[next++], context);
        if (!localAddress && request.method === 'POST' && THROTTLED_PER_ADDRESS.has(where(request))) continue;
        // A bad credential (header:bad-authorization) goes where the mount reads credentials, in place of the caller's.
        const { authorization: bad, ...rest } = request.headers;
        const { credential } = MOUNT_RULES[request.mount];
        const value = bad ?? (request.caller === 'anonymous' ? undefined : credential.value(secrets[request.caller]));
        const headers = value === undefined ? rest : { ...rest, [credential.header]: value };
        try {
          const response = await client.send({ ...request, headers });
          const fault = judge(request, response);
          if (response.status < 400) count(request.mount).succeeded += 1;
          const contentType = header(response, 'content-type') ?? 'no content-type';
          if (fault) failures.push({ request, status: response.status, fault, contentType, bodyStart: response.body.subarray(0, 120).toString('utf8') });
          if (request.caller !== 'anonymous' && response.status === 200 && request.method === 'POST' && where(request) === 'api/v1/me/access-key/rotate') {
            // The caller's Tyk key was just replaced: later calls use the new one.
            secrets[request.caller].accessKey = (JSON.parse(response.body.toString('utf8')) as { accessKey: string }).accessKey;
          }
        } catch (error) {
          failures.push({ request, status: 'no answer', fault: (error as Error).message, contentType: '-', bodyStart: '' });
        }
        sent += 1;
        perRoute.set(where(request), (perRoute.get(where(request)) ?? 0) + 1);
        perClass.set(request.inputClass, (perClass.get(request.inputClass) ?? 0) + 1);
        count(request.mount).sent += 1;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const retried = client.retried();
    client.close();
    console.log(
      `[fuzz] ${sent} requests (the first ${gridSize} a grid of every route, class and place) in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `${failures.length} failed the checks; ${retried} sent again on a new connection after a reset; ` +
        `by mount (sent, of them succeeded): ${API_MOUNTS.map((mount) => `${mount} ${count(mount).sent} (${count(mount).succeeded})`).join(', ')}`,
    );

    expect.soft(sent, `only ${sent} requests within ${TIME_BUDGET_MS / 1000} s`).toBeGreaterThanOrEqual(AT_LEAST);
    expect.soft(context.routes.filter((r) => !perRoute.get(where(r))).map(where), 'routes never tried').toEqual([]);
    expect.soft(INPUT_CLASSES.filter((c) => !perClass.get(c)), 'input classes never tried').toEqual([]);
    const unread = context.routes.filter((r) => r.takesBody && !r.textBody && !Object.keys(r.bodyFields).length).map(where);
    expect.soft(unread, 'routes whose body the document describes with no fields, so the fuzz cannot aim at them').toEqual([]);
    expect(failures.length, report(failures, sent)).toBe(0);
  }, TIME_BUDGET_MS + 90_000);

  it('still answers afterwards', async () => {
    if (existsSync(path.join(API_ROOT, 'health', 'route.ts'))) expect((await api('/api/v1/health')).status).toBe(200);
    expect((await api('/api/v1/me', { token: secrets['plain user'].token })).status).toBe(200);
    expect((await api('/api/v1/me')).status).toBe(401);
    expect((await api('/compat/appmixer/user', { token: secrets['plain user'].token })).status).toBe(200);
    for (const mount of API_MOUNTS.filter((m) => m !== 'api/v1')) {
      const response = await api(`/${mount}/no/such/endpoint`);
      expect(response.status, `/${mount} answers an unknown path`).toBe(404);
    }
  });

  it('leaves a database that passes the integrity and foreign-key checks', async () => {
    await deletionsSettle(30_000);
    expect(await integrityProblems(env)).toEqual([]);
  }, 45_000);
});
