import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@/db/ids';
import { api, signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { TEST_ADMIN } from '../support/server';

/**
 * POST /api/v1/users/bulk on the shared server: a filter matching thousands of users, each
 * changed as if one by one (audited with the requester as actor), refusals reported with their
 * reason, cancel, a tenant admin's reach, and bad bodies. Every user here carries this run's
 * plan, so no other suite's user is selected.
 */

const RUN = `bulk${Date.now().toString(36)}`;
const PLAN = `${RUN}-plan`;
const TENANT_PLAN = `${RUN}-tenant-plan`;
const MANY = 2500;
const PASSWORD = 'bulk actions suite password';

let env: Awaited<ReturnType<typeof useServerDatabase>>;
let rootToken: string;
/** The system admin who runs the bulk actions, selected by them too (plan PLAN). */
let caller: { id: string; email: string; token: string };
/** Another system admin in the selection: suspended by the caller, as one by one. */
let otherAdminId: string;
const cleanup: string[] = [];

type Report = {
  id: string;
  status: string;
  stepsDone: number;
  stepsTotal: number;
  counts: { done: number; unchanged: number; refused: number };
  error: string | null;
  refused: { userId: string | null; email: string | null; reason: string }[];
  nextCursor: string | null;
};

/** Users written straight into the database (thousands through the API would take minutes), with the default scope. */
async function insertUsers(prefix: string, n: number, fields: { plan: string; status?: 'active' | 'suspended' | 'pending' }): Promise<string[]> {
  const { users, userScopes } = env.schema;
  const ids: string[] = [];
  for (let start = 0; start < n; start += 250) {
    const rows = Array.from({ length: Math.min(250, n - start) }, (_, i) => {
      const email = `${prefix}-${start + i}@${RUN}.example.com`;
      return { id: newId('usr'), email, emailNormalized: email, username: email, usernameNormalized: email, plan: fields.plan, status: fields.status ?? 'active' };
    });
    await env.write(async (tx) => {
      await tx.insert(users).values(rows);
      await tx.insert(userScopes).values(rows.map((row) => ({ userId: row.id, scope: 'user' })));
    });
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

async function newUserWithPassword(name: string, fields: { plan: string; scope?: string[] }) {
  const email = `${name}@${RUN}.example.com`;
  const user = await env.users.createUser({ email, password: PASSWORD, plan: fields.plan, scope: fields.scope ?? ['user'] });
  return { id: user.id, email, token: await signInForToken(email, PASSWORD) };
}

const post = (token: string, json: unknown) => api('/api/v1/users/bulk', { method: 'POST', token, json });

async function report(token: string, id: string, query = ''): Promise<Report> {
  const response = await api(`/api/v1/users/bulk/${id}${query}`, { token });
  expect(response.status, response.text).toBe(200);
  return response.body as Report;
}

/** Polls the job until it ends; answers every state seen. */
async function untilFinished(token: string, id: string, timeoutMs = 120_000): Promise<Report[]> {
  const seen: Report[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    seen.push(await report(token, id));
    if (['completed', 'failed', 'cancelled'].includes(seen.at(-1)!.status)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Bulk action ${id} did not finish: ${JSON.stringify(seen.at(-1))}`);
}

async function statusCounts(plan: string): Promise<Record<string, number>> {
  const { users } = env.schema;
  const rows = await env.db.select({ status: users.status, n: count() }).from(users).where(eq(users.plan, plan)).groupBy(users.status);
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

beforeAll(async () => {
  env = await useServerDatabase();
  rootToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  caller = await newUserWithPassword('caller', { plan: PLAN, scope: ['user', 'admin'] });
  otherAdminId = (await env.users.createUser({ email: `other-admin@${RUN}.example.com`, plan: PLAN, scope: ['user', 'admin'], sendInvite: false })).id;
  cleanup.push(caller.id, otherAdminId);
}, 120_000);

// Later files rely on the suite's admin being the only active system admin.
afterAll(async () => {
  for (const id of cleanup) {
    const response = await api(`/api/v1/users/${id}`, { method: 'PATCH', token: rootToken, json: { status: 'suspended' } });
    expect([200, 409], response.text).toContain(response.status);
  }
});

describe('POST /api/v1/users/bulk, a system admin on a whole filter', () => {
  let many: string[];
  let alreadySuspended: string[];

  beforeAll(async () => {
    many = await insertUsers('many', MANY, { plan: PLAN });
    alreadySuspended = await insertUsers('asleep', 3, { plan: PLAN, status: 'suspended' });
  }, 120_000);

  it('suspends every matching user but the refused ones, audits each as if done one by one, and reports the refusals', async () => {
    const { auditEvents } = env.schema;
    const started = await post(caller.token, { action: 'suspend', filter: [`plan:${PLAN}`] });
    expect(started.status, started.text).toBe(202);
    const selected = MANY + alreadySuspended.length + 2;
    expect(started.body).toEqual({ id: expect.stringMatching(/^blk_/), status: 'queued', stepsDone: 0, stepsTotal: selected });
    expect(started.headers.get('location')).toBe(`/api/v1/users/bulk/${started.body.id}`);

    const seen = await untilFinished(caller.token, started.body.id);
    const done = seen.at(-1)!;
    // Progress only goes forward.
    const steps = seen.map((state) => state.stepsDone);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(done.error).toBeNull();
    expect(done).toMatchObject({ status: 'completed', stepsDone: selected, stepsTotal: selected, counts: { done: MANY + 1, unchanged: alreadySuspended.length, refused: 1 } });
    expect(done.refused).toEqual([{ userId: caller.id, email: caller.email, reason: 'You cannot suspend or lock your own account.' }]);
    expect(done.nextCursor).toBeNull();

    expect(await statusCounts(PLAN)).toEqual({ suspended: selected - 1, active: 1 });
    const suspendedEvents = await env.db
      .select({ target: auditEvents.target, actor: auditEvents.actor, requestId: auditEvents.requestId })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'user.suspended'), inArray(auditEvents.target, [...many, otherAdminId])));
    expect(suspendedEvents).toHaveLength(MANY + 1);
    expect(new Set(suspendedEvents.map((event) => event.target)).size).toBe(MANY + 1);
    expect(suspendedEvents.every((event) => event.actor === caller.id && event.requestId === started.body.id)).toBe(true);
    const jobEvents = await env.db.select({ action: auditEvents.action, actor: auditEvents.actor, after: auditEvents.after }).from(auditEvents).where(eq(auditEvents.target, started.body.id));
    expect(jobEvents.map((event) => event.action)).toEqual(['bulk.started', 'bulk.finished']);
    expect(jobEvents[0]).toMatchObject({ actor: caller.id, after: { action: 'suspend', count: selected, selection: { filter: [`plan:${PLAN}`] } } });
    expect(jobEvents[1].after).toMatchObject({ counts: { done: MANY + 1, unchanged: 3, refused: 1 } });
  }, 180_000);

  it('cancel stops a running job after its batch: the users it had not reached stay as they were', async () => {
    const { userScopes } = env.schema;
    const scope = `${RUN}-tester`;
    const started = await post(caller.token, { action: 'add-scope', scope, filter: [`plan:${PLAN}`] });
    expect(started.status, started.text).toBe(202);
    let running = await report(caller.token, started.body.id);
    for (let tries = 0; running.stepsDone === 0 && running.status !== 'completed' && tries < 600; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      running = await report(caller.token, started.body.id);
    }
    expect(running.status).toBe('in-progress');
    const cancel = await api(`/api/v1/users/bulk/${started.body.id}/cancel`, { method: 'POST', token: caller.token });
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body.id).toBe(started.body.id);

    const ended = (await untilFinished(caller.token, started.body.id)).at(-1)!;
    expect(ended.status).toBe('cancelled');
    expect(ended.stepsDone).toBeGreaterThan(0);
    expect(ended.stepsDone).toBeLessThan(ended.stepsTotal);
    const holders = await env.count(env.db.select({ n: count() }).from(userScopes).where(eq(userScopes.scope, scope)).getSQL());
    expect(holders).toBe(ended.counts.done);
    expect(ended.counts.done).toBe(ended.stepsDone);
    const events = await env.db.select({ action: env.schema.auditEvents.action }).from(env.schema.auditEvents).where(eq(env.schema.auditEvents.target, started.body.id));
    expect(events.map((event) => event.action)).toEqual(['bulk.started', 'bulk.cancelled']);

    // Cancelling again, or a finished job, answers it as it is.
    const again = await api(`/api/v1/users/bulk/${started.body.id}/cancel`, { method: 'POST', token: caller.token });
    expect(again.body).toMatchObject({ status: 'cancelled', stepsDone: ended.stepsDone });
  }, 180_000);

  it('a job not yet started is cancelled at once', async () => {
    const started = await post(caller.token, { action: 'activate', ids: [alreadySuspended[0]] });
    const cancel = await api(`/api/v1/users/bulk/${started.body.id}/cancel`, { method: 'POST', token: caller.token });
    // The worker polls twice a second: the cancel most often finds the job still queued.
    expect(['cancelled', 'in-progress', 'completed']).toContain(cancel.body.status);
    const ended = (await untilFinished(caller.token, started.body.id)).at(-1)!;
    expect(['cancelled', 'completed']).toContain(ended.status);
  });
});

describe('POST /api/v1/users/bulk, a tenant admin', () => {
  let tenantAdmin: { id: string; email: string; token: string };
  let tenant: { id: string; slug: string };
  let otherTenant: { id: string; slug: string };
  let members: string[];
  let systemAdminInTenant: string;
  let inTwoTenants: string;
  let outsider: string;

  beforeAll(async () => {
    const makeTenant = async (slug: string) => (await api('/api/v1/tenants', { method: 'POST', token: rootToken, json: { slug, name: slug } })).body as { id: string; slug: string };
    tenant = await makeTenant(`${RUN}-t`);
    otherTenant = await makeTenant(`${RUN}-u`);
    tenantAdmin = await newUserWithPassword('tenant-admin', { plan: TENANT_PLAN });
    members = await insertUsers('member', 40, { plan: TENANT_PLAN });
    systemAdminInTenant = (await env.users.createUser({ email: `root-in-tenant@${RUN}.example.com`, plan: TENANT_PLAN, scope: ['user', 'admin'], sendInvite: false })).id;
    cleanup.push(systemAdminInTenant);
    [inTwoTenants] = await insertUsers('two-tenants', 1, { plan: TENANT_PLAN });
    [outsider] = await insertUsers('outsider', 1, { plan: TENANT_PLAN });
    const { memberships } = env.schema;
    const now = new Date();
    await env.write(async (tx) => {
      await tx.insert(memberships).values([
        { tenantId: tenant.id, userId: tenantAdmin.id, role: 'admin', createdAt: now },
        ...[...members, systemAdminInTenant, inTwoTenants].map((userId) => ({ tenantId: tenant.id, userId, role: 'user' as const, createdAt: now })),
        { tenantId: otherTenant.id, userId: inTwoTenants, role: 'user', createdAt: now },
      ]);
    });
  }, 120_000);

  it('suspends the members of their tenants only, refusing a system admin, a member of another tenant and themself', async () => {
    const started = await post(tenantAdmin.token, { action: 'suspend', filter: [`plan:${TENANT_PLAN}`] });
    expect(started.status, started.text).toBe(202);
    // The outsider matches the filter but is not a member: not selected at all.
    expect(started.body.stepsTotal).toBe(members.length + 3);
    const done = (await untilFinished(tenantAdmin.token, started.body.id)).at(-1)!;
    expect(done.counts).toEqual({ done: members.length, unchanged: 0, refused: 3 });
    expect(new Map(done.refused.map((row) => [row.userId, row.reason]))).toEqual(
      new Map([
        [tenantAdmin.id, 'You cannot suspend or lock your own account.'],
        [systemAdminInTenant, 'Only a system admin can change a system admin.'],
        [inTwoTenants, expect.stringContaining('also belongs to a tenant you do not administer')],
      ]),
    );
    // The system admin in the tenant was invited and never signed in: still pending.
    expect(await statusCounts(TENANT_PLAN)).toEqual({ suspended: members.length, active: 3, pending: 1 });
    expect((await env.users.getUserById(outsider))?.status).toBe('active');

    // A page of the report at a time.
    const first = await report(tenantAdmin.token, started.body.id, '?limit=2');
    expect(first.refused).toHaveLength(2);
    const rest = await report(tenantAdmin.token, started.body.id, `?limit=2&cursor=${first.nextCursor}`);
    expect(rest.refused).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
  }, 120_000);

  it('refuses ids beyond their reach without saying whether they exist', async () => {
    const started = await post(tenantAdmin.token, { action: 'activate', ids: [outsider, 'usr_doesnotexist', members[0]] });
    expect(started.status, started.text).toBe(202);
    const done = (await untilFinished(tenantAdmin.token, started.body.id)).at(-1)!;
    expect(done.counts).toEqual({ done: 1, unchanged: 0, refused: 2 });
    expect(done.refused.map((row) => row.email)).toEqual([null, null]);
    expect(done.refused[0].reason).toBe(done.refused[1].reason);
    expect((await env.users.getUserById(members[0]))?.status).toBe('active');
  });

  it('may neither delete, change scopes, name another tenant, nor see another admin’s job', async () => {
    const selection = { filter: [`plan:${TENANT_PLAN}`] };
    const deletion = await post(tenantAdmin.token, { action: 'delete', ...selection });
    expect(deletion.status).toBe(403);
    expect(deletion.headers.get('content-type')).toContain('application/problem+json');
    expect((await post(tenantAdmin.token, { action: 'add-scope', scope: 'admin', ...selection })).status).toBe(403);
    expect((await post(tenantAdmin.token, { action: 'remove-scope', scope: 'tester', ...selection })).status).toBe(403);
    const elsewhere = await post(tenantAdmin.token, { action: 'add-to-tenant', tenant: otherTenant.slug, ...selection });
    expect(elsewhere.status).toBe(404);
    // Naming the other tenant in the filter is the list's own answer: no tenant they can see has it.
    expect((await post(tenantAdmin.token, { action: 'suspend', filter: [`tenant:${otherTenant.slug}`] })).status).toBe(400);

    const theirs = await post(caller.token, { action: 'activate', ids: [members[0]] });
    expect((await api(`/api/v1/users/bulk/${theirs.body.id}`, { token: tenantAdmin.token })).status).toBe(404);
    expect((await api(`/api/v1/users/bulk/${theirs.body.id}/cancel`, { method: 'POST', token: tenantAdmin.token })).status).toBe(404);
    await untilFinished(caller.token, theirs.body.id);
    // Nothing was deleted.
    expect(await statusCounts(TENANT_PLAN)).not.toHaveProperty('deleting');
  });

  it('adds to and removes from their own tenant, each membership audited', async () => {
    const ids = members.slice(0, 5);
    const added = await post(tenantAdmin.token, { action: 'remove-from-tenant', tenant: tenant.slug, ids });
    const removal = (await untilFinished(tenantAdmin.token, added.body.id)).at(-1)!;
    expect(removal.counts).toEqual({ done: 5, unchanged: 0, refused: 0 });
    // No longer members: beyond this tenant admin's reach now.
    const back = await post(tenantAdmin.token, { action: 'add-to-tenant', tenant: tenant.slug, ids });
    const readd = (await untilFinished(tenantAdmin.token, back.body.id)).at(-1)!;
    expect(readd.counts).toEqual({ done: 0, unchanged: 0, refused: 5 });
    const byRoot = await post(rootToken, { action: 'add-to-tenant', tenant: tenant.id, role: 'user', ids });
    const rootAdd = (await untilFinished(rootToken, byRoot.body.id)).at(-1)!;
    expect(rootAdd.counts).toEqual({ done: 5, unchanged: 0, refused: 0 });
    const { auditEvents } = env.schema;
    const events = await env.db.select({ action: auditEvents.action, tenantId: auditEvents.tenantId }).from(auditEvents).where(and(inArray(auditEvents.target, ids), eq(auditEvents.tenantId, tenant.id)));
    expect(events.filter((event) => event.action === 'tenant.member.removed')).toHaveLength(5);
    expect(events.filter((event) => event.action === 'tenant.member.added')).toHaveLength(5);
  });
});

describe('POST /api/v1/users/bulk, bad requests', () => {
  it('answers problem+json naming the field', async () => {
    const cases: [unknown, number, string][] = [
      [{ action: 'suspend' }, 422, 'filter'],
      [{ action: 'explode', filter: [] }, 422, 'action'],
      [{ action: 'add-scope', filter: [`plan:${PLAN}`] }, 422, 'scope'],
      [{ action: 'add-scope', scope: 'not a scope!', filter: [`plan:${PLAN}`] }, 422, 'scope'],
      [{ action: 'add-to-tenant', filter: [`plan:${PLAN}`] }, 422, 'tenant'],
      [{ action: 'suspend', ids: ['usr_a'], filter: [`plan:${PLAN}`] }, 422, 'ids'],
      [{ action: 'suspend', ids: Array.from({ length: 10_001 }, (_, i) => `usr_${i}`) }, 422, 'ids'],
      [{ action: 'suspend', filter: ['colour:blue'] }, 400, 'filter'],
    ];
    for (const [json, status, path] of cases) {
      const response = await post(caller.token, json);
      expect(response.status, JSON.stringify(json).slice(0, 80)).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    // The same 400 as the list gives for that filter.
    const list = await api('/api/v1/users?filter=colour:blue', { token: caller.token });
    expect((await post(caller.token, { action: 'suspend', filter: ['colour:blue'] })).body.detail).toBe(list.body.detail);
    expect((await api('/api/v1/users/bulk/blk_nothing', { token: caller.token })).status).toBe(404);
  });
});
