import type { AuditAction } from '@/lib/audit/actions';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { TEST_ADMIN } from '../support/server';
import { gatehouse } from '../support/typed-client';

/** The audit trail's read side: the list and its grammar, tenant scope, a user's activity, export, the chain check and retention. */

const tag = `au${Date.now().toString(36)}`;
const PASSWORD = 'audit trail password 1';
const ADDRESS = '203.0.113.9';
const AGENT = `Mozilla/5.0 (${tag}-agent)`;

let admin = '';
let adminId = '';
let tenantAdminOfA = '';
let tenantAdminOfB = '';
let memberOfA = '';
let memberOfB = '';
let tenantA = '';

const asAdmin = () => gatehouse({ token: admin });

/** A typed call's data; throws unless it succeeded. */
function must<T>({ data, error, response }: { data?: T; error?: unknown; response: Response }): T {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${JSON.stringify(error)}`);
  return data as T;
}

async function newUser(name: string, tenant: string): Promise<string> {
  const created = must(await asAdmin().POST('/api/v1/users', { body: { email: `${tag}-${name}@example.com`, password: PASSWORD, tenant } }));
  if (!('user' in created)) throw new Error('Expected the created user');
  return created.user.id;
}

/** Records an event as the server would for a request of the admin's, from ADDRESS with AGENT. */
async function record(entry: { action: AuditAction; target?: string; actor?: string; tenantId?: string; before?: Record<string, unknown>; after?: Record<string, unknown> }, requestId = `${tag}-req`) {
  const [{ recordAuditEvent }, { withAuditContext }] = await Promise.all([import('@/lib/audit/events'), import('@/lib/audit/context')]);
  await withAuditContext({ actor: { kind: 'token', id: adminId }, ip: ADDRESS, userAgent: AGENT, requestId }, () => recordAuditEvent(entry));
}

const list = (token: string, query: Record<string, string | string[] | number>) => gatehouse({ token }).GET('/api/v1/audit', { params: { query } });

beforeAll(async () => {
  // lib/ (record() below) on the shared server's database.
  await useServerDatabase();
  admin = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  adminId = must(await asAdmin().GET('/api/v1/me')).id;
  tenantA = must(await asAdmin().POST('/api/v1/tenants', { body: { slug: `${tag}-a`, name: 'Audit A' } })).id;
  const tenantB = must(await asAdmin().POST('/api/v1/tenants', { body: { slug: `${tag}-b`, name: 'Audit B' } })).id;
  memberOfA = await newUser('member-a', tenantA);
  memberOfB = await newUser('member-b', tenantB);
  const adminOfA = await newUser('admin-a', tenantA);
  const adminOfB = await newUser('admin-b', tenantB);
  must(await asAdmin().PUT('/api/v1/tenants/{tenant}/users/{userId}', { params: { path: { tenant: tenantA, userId: adminOfA } }, body: { role: 'admin' } }));
  must(await asAdmin().PUT('/api/v1/tenants/{tenant}/users/{userId}', { params: { path: { tenant: tenantB, userId: adminOfB } }, body: { role: 'admin' } }));
  tenantAdminOfA = await signInForToken(`${tag}-admin-a@example.com`, PASSWORD);
  tenantAdminOfB = await signInForToken(`${tag}-admin-b@example.com`, PASSWORD);

  await record({ action: 'user.updated', target: memberOfA, before: { scope: ['user'] }, after: { scope: ['user', 'admin'] } });
  await record({ action: 'permission.granted', target: memberOfA, after: { resourceId: 'res_x', role: 'reader' } });
  await record({ action: 'user.updated', target: memberOfA, before: { scope: ['user', 'admin'] }, after: { scope: ['user'] } });
  await record({ action: 'user.updated', target: memberOfB, before: { city: null }, after: { city: 'Oslo' } });
  await record({ action: 'tenant.updated', target: tenantA, tenantId: tenantA, before: { name: 'Audit A' }, after: { name: 'Audit A' } });
  await record({ action: 'resource.updated', actor: memberOfA, target: `res_${tag}`, before: { kind: 'report' }, after: { kind: 'workflow' } });
});

describe('GET /api/v1/audit', () => {
  it('lists events newest first with who, what, the diff and where from; filters by target and action', async () => {
    const page = must(await list(admin, { filter: [`target:${memberOfA}`, 'action:user.updated'] }));
    expect(page.items).toHaveLength(2);
    const [newest, older] = page.items;
    expect(newest.id).toBeGreaterThan(older.id);
    expect(newest).toMatchObject({
      actorKind: 'token',
      actor: adminId,
      action: 'user.updated',
      targetKind: 'user',
      target: memberOfA,
      before: { scope: ['user', 'admin'] },
      after: { scope: ['user'] },
      ip: ADDRESS,
      userAgent: AGENT,
      requestId: `${tag}-req`,
    });
    expect(page.nextCursor).toBeNull();

    // A family of actions; values of one field are alternatives.
    const family = must(await list(admin, { filter: [`target:${memberOfA}`, `target:${memberOfB}`, 'action:user.*'] }));
    // Each member's user.created, A's two edits, B's one.
    expect(family.items.map((event) => event.target).sort()).toEqual([memberOfA, memberOfA, memberOfA, memberOfB, memberOfB].sort());
    const oldestFirst = must(await list(admin, { filter: [`target:${memberOfA}`, 'action:permission.granted', 'action:user.updated'], sort: 'at:1' }));
    expect(oldestFirst.items.map((event) => event.action)).toEqual(['user.updated', 'permission.granted', 'user.updated']);
    expect(must(await list(admin, { filter: [`target:${memberOfA}`, 'at>=2999-01-01'] })).items).toEqual([]);
    expect(must(await list(admin, { filter: [`actor:${memberOfA}`] })).items.map((event) => event.action)).toEqual(['resource.updated']);
  });

  it('pages with the cursor, and searches the text of recent events', async () => {
    const first = must(await list(admin, { filter: `target:${memberOfA}`, limit: 2 }));
    expect(first.items).toHaveLength(2);
    const second = must(await list(admin, { filter: `target:${memberOfA}`, limit: 2, cursor: first.nextCursor! }));
    const ids = [...first.items, ...second.items].map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const found = must(await list(admin, { pattern: `${tag.toUpperCase()}-AGENT`, filter: 'action:user.updated' }));
    expect(found.items.map((event) => event.target)).toEqual([memberOfB, memberOfA, memberOfA]);
  });

  it('answers a bad filter, sort or cursor with a problem naming it', async () => {
    const cases = [
      [{ filter: 'colour:red' }, 'filter'],
      [{ filter: 'at:2026-01-01' }, 'filter'],
      [{ filter: 'at>=yesterday' }, 'filter'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ sort: 'email:1' }, 'sort'],
    ] as const;
    for (const [query, path] of cases) {
      const answer = await api(`/api/v1/audit?${new URLSearchParams(query)}`, { token: admin });
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect((answer.body as { errors: { path: string }[] }).errors.map((error) => error.path)).toEqual([path]);
    }
    const newestFirst = must(await list(admin, { limit: 1 }));
    const mixed = await list(admin, { sort: 'at:1', cursor: newestFirst.nextCursor! });
    expect(mixed.response.status).toBe(400);
    expect(mixed.error!.detail).toContain('another sort order');
  });

  it('shows a tenant admin the events of their tenants and their members only', async () => {
    const seen = must(await list(tenantAdminOfA, { limit: 200 })).items;
    expect(seen.some((event) => event.target === memberOfA && event.action === 'user.updated')).toBe(true);
    expect(seen.some((event) => event.tenantId === tenantA)).toBe(true);
    expect(seen.every((event) => event.target !== memberOfB)).toBe(true);
    expect(must(await list(tenantAdminOfB, { filter: `target:${memberOfA}` })).items).toEqual([]);
    expect((await gatehouse({ token: tenantAdminOfA }).GET('/api/v1/audit/verify')).response.status).toBe(403);
  });

  it('does not show a tenant admin the events about a system admin who is a member of their tenant', async () => {
    // Invited, not active: another active system admin on the shared server would let the deletion suite delete its admin.
    const created = must(await asAdmin().POST('/api/v1/users', { body: { email: `${tag}-root@example.com`, tenant: tenantA, scope: ['user', 'admin'] } }));
    if (!('user' in created)) throw new Error('Expected the created user');
    expect(created.user.status).toBe('pending');
    const aboutRoot = must(await list(admin, { filter: `target:${created.user.id}` })).items.map((event) => event.action);
    expect(aboutRoot).toEqual(expect.arrayContaining(['user.created', 'user.invitation.sent']));
    expect(must(await list(tenantAdminOfA, { filter: `target:${created.user.id}` })).items.filter((event) => event.tenantId !== tenantA)).toEqual([]);
  });
});

describe('GET /api/v1/users/{id}/activity', () => {
  it('lists the events about the user and by them; another tenant’s admin gets 404', async () => {
    const activity = must(await asAdmin().GET('/api/v1/users/{id}/activity', { params: { path: { id: memberOfA }, query: { filter: ['action:user.updated', 'action:resource.updated'] } } }));
    expect(activity.items.map((event) => [event.action, event.actor === memberOfA ? 'by' : 'about'])).toEqual([
      ['resource.updated', 'by'],
      ['user.updated', 'about'],
      ['user.updated', 'about'],
    ]);
    expect(must(await gatehouse({ token: tenantAdminOfA }).GET('/api/v1/users/{id}/activity', { params: { path: { id: memberOfA } } })).items.length).toBeGreaterThan(0);
    expect((await gatehouse({ token: tenantAdminOfB }).GET('/api/v1/users/{id}/activity', { params: { path: { id: memberOfA } } })).response.status).toBe(404);
    expect((await asAdmin().GET('/api/v1/users/{id}/activity', { params: { path: { id: 'usr_nobody' } } })).response.status).toBe(404);
  });
});

describe('GET /api/v1/audit/export', () => {
  it('streams the filtered events as CSV and as NDJSON', async () => {
    const filter = `filter=${encodeURIComponent(`target:${memberOfA}`)}&filter=action%3Auser.updated`;
    const csv = await api(`/api/v1/audit/export?${filter}`, { token: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="audit-\d{8}\.csv"/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('id,at,actorKind,actor,action,targetKind,target,tenantId,before,after,ip,userAgent,requestId');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"{""scope"":[""user"",""admin""]}","{""scope"":[""user""]}",${ADDRESS}`);

    const ndjson = await api(`/api/v1/audit/export?${filter}&format=ndjson&sort=at:1`, { token: admin });
    expect(ndjson.headers.get('content-type')).toBe('application/x-ndjson');
    const events = ndjson.text.trim().split('\n').map((line) => JSON.parse(line) as { action: string; after: unknown });
    expect(events.map((event) => event.after)).toEqual([{ scope: ['user', 'admin'] }, { scope: ['user'] }]);

    expect((await api('/api/v1/audit/export?format=xml', { token: admin })).status).toBe(400);
  });
});

describe('the retention setting', () => {
  it('reads and changes the days kept, refusing a value out of range beside the field', async () => {
    // Other suites (the fuzz) may have changed it on this shared server: start from what it is.
    const before = must(await asAdmin().GET('/api/v1/settings/audit-retention'));
    expect(before).toEqual({ days: expect.any(Number), pinned: false });
    const refused = await asAdmin().PUT('/api/v1/settings/audit-retention', { body: { days: 0 } });
    expect(refused.response.status).toBe(422);
    expect(refused.error!.errors!.map((error) => error.path)).toEqual(['days']);
    expect(must(await asAdmin().PUT('/api/v1/settings/audit-retention', { body: { days: 30 } }))).toEqual({ days: 30, pinned: false });
    expect(must(await asAdmin().PUT('/api/v1/settings/audit-retention', { body: { days: 400 } })).days).toBe(400);
    must(await asAdmin().PUT('/api/v1/settings/audit-retention', { body: { days: before.days } }));
  });
});
