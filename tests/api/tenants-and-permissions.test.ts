import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { cancelHeldDeletions, holdDeletion } from '../support/held-deletion';
import { TEST_ADMIN } from '../support/server';

/** Tenants (telm.ai), resources and per-resource roles (Solvexia) through the API, bad input included. */

const tag = `tp${Date.now().toString(36)}`;
const PASSWORD = 'tenant test password 1';
let admin = '';
let env: Awaited<ReturnType<typeof useServerDatabase>>;

async function must(method: string, path: string, json?: unknown, token = admin) {
  const response = await api(path, { method, token, json });
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
  return response.body;
}

let serial = 0;
async function newUser(extra: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
  serial += 1;
  const email = `${tag}-${serial}@example.com`;
  const { user } = await must('POST', '/api/v1/users', { email, password: PASSWORD, ...extra });
  return { id: user.id, email };
}

beforeAll(async () => {
  env = await useServerDatabase();
  admin = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
});

afterAll(() => cancelHeldDeletions(admin));

describe('tenants', () => {
  it('creates, reads by id and slug, renames, and refuses a duplicate or malformed slug', async () => {
    const created = await api('/api/v1/tenants', { method: 'POST', token: admin, json: { slug: `${tag}-Acme`, name: 'Acme' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: `${tag}-acme`, name: 'Acme', memberCount: 0 });
    expect(created.headers.get('location')).toBe(`/api/v1/tenants/${created.body.id}`);

    expect((await api(`/api/v1/tenants/${tag}-acme`, { token: admin })).body.id).toBe(created.body.id);
    expect((await api(`/api/v1/tenants/${created.body.id}`, { method: 'PATCH', token: admin, json: { name: 'Acme Corp' } })).body.name).toBe('Acme Corp');

    const duplicate = await api('/api/v1/tenants', { method: 'POST', token: admin, json: { slug: `${tag}-acme`, name: 'Again' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ path: 'slug', message: 'Another tenant already has this slug.' }]);

    const malformed = await api('/api/v1/tenants', { method: 'POST', token: admin, json: { slug: '-no spaces-', name: '' } });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'slug']);

    expect((await api('/api/v1/tenants/no-such-tenant', { token: admin })).status).toBe(404);
  });

  it('assigns members with a role, lists them like the users list, changes and removes them', async () => {
    const tenant = await must('POST', '/api/v1/tenants', { slug: `${tag}-members`, name: 'Members' });
    const [ann, bob] = [await newUser({ firstName: 'Ann' }), await newUser({ firstName: 'Bob' })];

    const added = await api(`/api/v1/tenants/${tenant.slug}/users/${ann.id}`, { method: 'PUT', token: admin, json: { role: 'admin' } });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ tenantId: tenant.id, userId: ann.id, role: 'admin' });
    expect((await api(`/api/v1/tenants/${tenant.id}/users/${bob.id}`, { method: 'PUT', token: admin, json: { role: 'user' } })).status).toBe(201);
    expect((await api(`/api/v1/tenants/${tenant.id}/users/${bob.id}`, { method: 'PUT', token: admin, json: { role: 'admin' } })).status).toBe(200);

    const list = await api(`/api/v1/tenants/${tenant.id}/users?pattern=${tag}&sort=email:1`, { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((m: { email: string; tenantRole: string }) => [m.email, m.tenantRole])).toEqual([
      [ann.email, 'admin'],
      [bob.email, 'admin'],
    ]);
    const searched = await api(`/api/v1/tenants/${tenant.id}/users?pattern=${encodeURIComponent(ann.email)}`, { token: admin });
    expect(searched.body.items.map((m: { id: string }) => m.id)).toEqual([ann.id]);

    const unknownRole = await api(`/api/v1/tenants/${tenant.id}/users/${bob.id}`, { method: 'PUT', token: admin, json: { role: 'owner' } });
    expect(unknownRole.status).toBe(422);
    expect(unknownRole.body.errors[0].path).toBe('role');
    expect((await api(`/api/v1/tenants/${tenant.id}/users/usr_nobody`, { method: 'PUT', token: admin, json: { role: 'user' } })).status).toBe(404);

    expect((await api(`/api/v1/tenants/${tenant.id}/users/${bob.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
    expect((await api(`/api/v1/tenants/${tenant.id}/users/${bob.id}`, { method: 'DELETE', token: admin })).status).toBe(404);
    expect((await must('GET', `/api/v1/users/${bob.id}`)).id).toBe(bob.id);
  });

  it('deletes a tenant with members only with force, keeping the users', async () => {
    const tenant = await must('POST', '/api/v1/tenants', { slug: `${tag}-doomed`, name: 'Doomed' });
    const member = await newUser({ tenant: tenant.slug });
    const refused = await api(`/api/v1/tenants/${tenant.id}`, { method: 'DELETE', token: admin });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('force=true');
    expect((await api(`/api/v1/tenants/${tenant.id}?force=true`, { method: 'DELETE', token: admin })).status).toBe(204);
    expect((await api(`/api/v1/tenants/${tenant.id}`, { token: admin })).status).toBe(404);
    const user = await must('GET', `/api/v1/users/${member.id}`);
    expect(user.tenants).toEqual([]);
  });

  it('refuses to add a user who is being deleted', async () => {
    const tenant = await must('POST', '/api/v1/tenants', { slug: `${tag}-late`, name: 'Late' });
    const leaving = await newUser();
    await holdDeletion(env, leaving.id);
    const response = await api(`/api/v1/tenants/${tenant.id}/users/${leaving.id}`, { method: 'PUT', token: admin, json: { role: 'user' } });
    expect(response.status, response.text).toBe(409);
    expect(response.body.detail).toMatch(/being deleted/);
    expect((await must('GET', `/api/v1/tenants/${tenant.id}/users`)).total).toBe(0);
  });
});

describe('resources and permissions', () => {
  let tenant: { id: string; slug: string };
  let resource: { id: string; name: string };
  let user: { id: string; email: string };

  beforeAll(async () => {
    tenant = (await must('POST', '/api/v1/tenants', { slug: `${tag}-res`, name: 'Resources' })) as typeof tenant;
    resource = (await must('POST', '/api/v1/resources', { name: `${tag} close`, kind: 'workflow', tenantId: tenant.id })) as typeof resource;
    user = await newUser({ tenant: tenant.slug });
  });

  it('creates, lists by name, edits and deletes resources, refusing bad input', async () => {
    const listed = await api(`/api/v1/resources?pattern=${encodeURIComponent(`${tag} cl`)}`, { token: admin });
    expect(listed.body.items.map((r: { id: string; tenantSlug: string }) => [r.id, r.tenantSlug])).toEqual([[resource.id, tenant.slug]]);
    expect((await api(`/api/v1/resources/${resource.id}`, { method: 'PATCH', token: admin, json: { kind: 'report' } })).body.kind).toBe('report');

    const bad = await api('/api/v1/resources', { method: 'POST', token: admin, json: { name: '', kind: 'x'.repeat(41) } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['kind', 'name']);
    expect((await api('/api/v1/resources', { method: 'POST', token: admin, json: { name: 'Orphan', kind: 'report', tenantId: 'ten_nope' } })).status).toBe(404);

    const doomed = await must('POST', '/api/v1/resources', { name: `${tag} doomed`, kind: 'report' });
    await must('PUT', `/api/v1/users/${user.id}/permissions/${doomed.id}`, { role: 'owner' });
    expect((await api(`/api/v1/resources/${doomed.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
    expect((await must('GET', `/api/v1/users/${user.id}/permissions`)).map((p: { resourceId: string }) => p.resourceId)).not.toContain(doomed.id);
    expect((await api(`/api/v1/resources/${doomed.id}`, { token: admin })).status).toBe(404);
  });

  it('grants (201), changes (200, also by POST) and revokes (204, then 404) a role, in both directions', async () => {
    const path = `/api/v1/users/${user.id}/permissions/${resource.id}`;
    const granted = await api(path, { method: 'PUT', token: admin, json: { role: 'reader' } });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ resourceId: resource.id, resourceName: resource.name, role: 'reader', expiresAt: null, expired: false });
    const changed = await api(path, { method: 'POST', token: admin, json: { role: 'editor', expiresAt: '2099-01-01T00:00:00Z' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'editor', expiresAt: '2099-01-01T00:00:00.000Z' });

    expect(await must('GET', `/api/v1/users/${user.id}/permissions`)).toEqual([expect.objectContaining({ resourceId: resource.id, role: 'editor' })]);
    expect(await must('GET', `/api/v1/resources/${resource.id}/permissions`)).toEqual([expect.objectContaining({ userId: user.id, email: user.email, role: 'editor' })]);

    expect((await api(path, { method: 'DELETE', token: admin })).status).toBe(204);
    expect((await api(path, { method: 'DELETE', token: admin })).status).toBe(404);
    expect(await must('GET', `/api/v1/users/${user.id}/permissions`)).toEqual([]);
  });

  it('refuses an unknown role, an unknown resource or user, an expiry in the past, and a user being deleted', async () => {
    const path = `/api/v1/users/${user.id}/permissions/${resource.id}`;
    const role = await api(path, { method: 'PUT', token: admin, json: { role: 'superuser' } });
    expect(role.status).toBe(422);
    expect(role.body.errors[0]).toEqual({ path: 'role', message: 'The role must be one of reader, executor, editor, owner.' });
    const past = await api(path, { method: 'PUT', token: admin, json: { role: 'reader', expiresAt: '2001-01-01T00:00:00Z' } });
    expect(past.status).toBe(422);
    expect(past.body.errors).toEqual([{ path: 'expiresAt', message: 'The expiry must be in the future.' }]);
    const malformedDate = await api(path, { method: 'PUT', token: admin, json: { role: 'reader', expiresAt: 'next tuesday' } });
    expect(malformedDate.status).toBe(422);
    expect((await api(`/api/v1/users/${user.id}/permissions/res_nope`, { method: 'PUT', token: admin, json: { role: 'reader' } })).status).toBe(404);
    expect((await api(`/api/v1/users/usr_nope/permissions/${resource.id}`, { method: 'PUT', token: admin, json: { role: 'reader' } })).status).toBe(404);

    const leaving = await newUser();
    await holdDeletion(env, leaving.id);
    const deleting = await api(`/api/v1/users/${leaving.id}/permissions/${resource.id}`, { method: 'PUT', token: admin, json: { role: 'reader' } });
    expect(deleting.status, deleting.text).toBe(409);
    expect(deleting.body.detail).toMatch(/being deleted/);
    expect(await must('GET', `/api/v1/users/${leaving.id}/permissions`)).toEqual([]);
  });

  it('shows an expired grant as expired and leaves it out of the resource’s holder count', async () => {
    const holder = await newUser();
    await must('PUT', `/api/v1/users/${holder.id}/permissions/${resource.id}`, { role: 'executor', expiresAt: new Date(Date.now() + 60 * 60_000).toISOString() });
    expect(await must('GET', `/api/v1/users/${holder.id}/permissions`)).toEqual([expect.objectContaining({ role: 'executor', expired: false })]);
    expect((await must('GET', `/api/v1/resources/${resource.id}`)).holderCount).toBe(1);
    // The hour passes: the grant's expiry is moved into the past, rather than waited for.
    const { permissions } = env.schema;
    const moved = await env.write((tx) =>
      tx
        .update(permissions)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(and(eq(permissions.userId, holder.id), eq(permissions.resourceId, resource.id)))
        .returning(),
    );
    expect(moved).toHaveLength(1);
    expect(await must('GET', `/api/v1/users/${holder.id}/permissions`)).toEqual([expect.objectContaining({ role: 'executor', expired: true })]);
    expect((await must('GET', `/api/v1/resources/${resource.id}`)).holderCount).toBe(0);
  });

  it('saves a batch of changes all together, or none when one row is wrong (naming the row)', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const second = await must('POST', '/api/v1/resources', { name: `${tag} second`, kind: 'dataset', tenantId: tenant.id });
    const refused = await api(`/api/v1/resources/${resource.id}/permissions`, {
      method: 'PATCH',
      token: admin,
      json: { changes: [{ userId: a.id, role: 'reader' }, { userId: b.id, role: 'owner', expiresAt: '2000-01-01T00:00:00Z' }] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: 'changes.1', message: 'The expiry must be in the future.' }]);
    expect(await must('GET', `/api/v1/users/${a.id}/permissions`)).toEqual([]);

    const saved = await api(`/api/v1/users/${a.id}/permissions`, {
      method: 'PATCH',
      token: admin,
      json: { changes: [{ resourceId: resource.id, role: 'reader' }, { resourceId: second.id, role: 'owner' }] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ granted: 2, changed: 0, revoked: 0, unchanged: 0 });
    const next = await must('PATCH', `/api/v1/users/${a.id}/permissions`, { changes: [{ resourceId: resource.id, role: null }, { resourceId: second.id, role: 'editor' }] });
    expect(next).toEqual({ granted: 0, changed: 1, revoked: 1, unchanged: 0 });
  });
});

describe('a tenant admin', () => {
  it('sees and manages only their tenant, and creates users inside it', async () => {
    const mine = await must('POST', '/api/v1/tenants', { slug: `${tag}-mine`, name: 'Mine' });
    const theirs = await must('POST', '/api/v1/tenants', { slug: `${tag}-theirs`, name: 'Theirs' });
    const boss = await newUser({ tenant: mine.slug });
    await must('PUT', `/api/v1/tenants/${mine.id}/users/${boss.id}`, { role: 'admin' });
    const stranger = await newUser({ tenant: theirs.slug });
    const token = await signInForToken(boss.email, PASSWORD);

    const created = await api('/api/v1/users', { method: 'POST', token, json: { email: `${tag}-hire@example.com`, tenant: mine.slug, sendInvite: false } });
    expect(created.status).toBe(201);
    expect(created.body.user.status).toBe('pending');
    const listed = await api(`/api/v1/users?pattern=${tag}&limit=100`, { token });
    expect(listed.body.items.map((u: { email: string }) => u.email).sort()).toEqual([boss.email, `${tag}-hire@example.com`].sort());
    expect((await api(`/api/v1/users/${stranger.id}`, { token })).status).toBe(404);
    expect((await api('/api/v1/users', { method: 'POST', token, json: { email: `${tag}-spy@example.com`, password: PASSWORD, tenant: theirs.slug } })).status).toBe(404);
    // Adding someone from outside would hand the tenant admin their account.
    expect((await api(`/api/v1/tenants/${mine.id}/users/${stranger.id}`, { method: 'PUT', token, json: { role: 'user' } })).status).toBe(404);
    const scope = await api(`/api/v1/users/${created.body.user.id}`, { method: 'PATCH', token, json: { scope: ['admin'] } });
    expect(scope.status).toBe(403);
    expect((await api(`/api/v1/users/${created.body.user.id}`, { method: 'PATCH', token, json: { status: 'suspended' } })).body.status).toBe('suspended');
    expect((await api('/api/v1/tenants', { token })).body.items.map((t: { slug: string }) => t.slug)).toEqual([mine.slug]);
  });
});
