import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { cancelHeldDeletions, holdDeletion } from '../support/held-deletion';
import { TEST_ADMIN } from '../support/server';
import { gatehouse } from '../support/typed-client';

/** Tenants (telm.ai), resources and per-resource roles (Solvexia) through the API, bad input included. */

const tag = `tp${Date.now().toString(36)}`;
const PASSWORD = 'tenant test password 1';
let admin = '';
let env: Awaited<ReturnType<typeof useServerDatabase>>;

const asAdmin = () => gatehouse({ token: admin });
const tenantPath = (tenant: string) => ({ params: { path: { tenant } } });
const memberPath = (tenant: string, userId: string) => ({ params: { path: { tenant, userId } } });
const idPath = (id: string) => ({ params: { path: { id } } });
const grantPath = (id: string, resourceId: string) => ({ params: { path: { id, resourceId } } });

/** A typed call's data; throws unless it succeeded. */
function must<T>({ data, error, response }: { data?: T; error?: unknown; response: Response }): T {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${JSON.stringify(error)}`);
  return data as T;
}

let serial = 0;
async function newUser(extra: { firstName?: string; tenant?: string } = {}): Promise<{ id: string; email: string }> {
  serial += 1;
  const email = `${tag}-${serial}@example.com`;
  const created = must(await asAdmin().POST('/api/v1/users', { body: { email, password: PASSWORD, ...extra } }));
  // An admin's create answers 201 with the user; 202 is an anonymous sign-up's answer.
  if (!('user' in created)) throw new Error(`Expected the created user: ${JSON.stringify(created)}`);
  return { id: created.user.id, email };
}

beforeAll(async () => {
  env = await useServerDatabase();
  admin = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
});

afterAll(() => cancelHeldDeletions(admin));

describe('tenants', () => {
  it('creates, reads by id and slug, renames, and refuses a duplicate or malformed slug', async () => {
    const created = await asAdmin().POST('/api/v1/tenants', { body: { slug: `${tag}-Acme`, name: 'Acme' } });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ slug: `${tag}-acme`, name: 'Acme', memberCount: 0 });
    expect(created.response.headers.get('location')).toBe(`/api/v1/tenants/${created.data!.id}`);

    expect((await asAdmin().GET('/api/v1/tenants/{tenant}', tenantPath(`${tag}-acme`))).data!.id).toBe(created.data!.id);
    expect((await asAdmin().PATCH('/api/v1/tenants/{tenant}', { ...tenantPath(created.data!.id), body: { name: 'Acme Corp' } })).data!.name).toBe('Acme Corp');

    const duplicate = await asAdmin().POST('/api/v1/tenants', { body: { slug: `${tag}-acme`, name: 'Again' } });
    expect(duplicate.response.status).toBe(409);
    expect(duplicate.error!.errors).toEqual([{ path: 'slug', message: 'Another tenant already has this slug.' }]);

    const malformed = await asAdmin().POST('/api/v1/tenants', { body: { slug: '-no spaces-', name: '' } });
    expect(malformed.response.status).toBe(422);
    expect(malformed.error!.errors!.map((e) => e.path).sort()).toEqual(['name', 'slug']);

    expect((await asAdmin().GET('/api/v1/tenants/{tenant}', tenantPath('no-such-tenant'))).response.status).toBe(404);
  });

  it('assigns members with a role, lists them like the users list, changes and removes them', async () => {
    const tenant = must(await asAdmin().POST('/api/v1/tenants', { body: { slug: `${tag}-members`, name: 'Members' } }));
    const [ann, bob] = [await newUser({ firstName: 'Ann' }), await newUser({ firstName: 'Bob' })];
    const putMember = (tenantRef: string, userId: string, role: 'admin' | 'user') => asAdmin().PUT('/api/v1/tenants/{tenant}/users/{userId}', { ...memberPath(tenantRef, userId), body: { role } });

    const added = await putMember(tenant.slug, ann.id, 'admin');
    expect(added.response.status).toBe(201);
    expect(added.data).toEqual({ tenantId: tenant.id, userId: ann.id, role: 'admin' });
    expect((await putMember(tenant.id, bob.id, 'user')).response.status).toBe(201);
    expect((await putMember(tenant.id, bob.id, 'admin')).response.status).toBe(200);

    const list = await asAdmin().GET('/api/v1/tenants/{tenant}/users', { params: { path: { tenant: tenant.id }, query: { pattern: tag, sort: 'email:1' } } });
    expect(list.response.status).toBe(200);
    expect(list.data!.total).toBe(2);
    expect(list.data!.items.map((m) => [m.email, m.tenantRole])).toEqual([
      [ann.email, 'admin'],
      [bob.email, 'admin'],
    ]);
    const searched = await asAdmin().GET('/api/v1/tenants/{tenant}/users', { params: { path: { tenant: tenant.id }, query: { pattern: ann.email } } });
    expect(searched.data!.items.map((m) => m.id)).toEqual([ann.id]);

    // A role the types forbid, on purpose: the untyped call.
    const unknownRole = await api(`/api/v1/tenants/${tenant.id}/users/${bob.id}`, { method: 'PUT', token: admin, json: { role: 'owner' } });
    expect(unknownRole.status).toBe(422);
    expect(unknownRole.body.errors[0].path).toBe('role');
    expect((await putMember(tenant.id, 'usr_nobody', 'user')).response.status).toBe(404);

    const removeBob = () => asAdmin().DELETE('/api/v1/tenants/{tenant}/users/{userId}', memberPath(tenant.id, bob.id));
    expect((await removeBob()).response.status).toBe(204);
    expect((await removeBob()).response.status).toBe(404);
    expect(must(await asAdmin().GET('/api/v1/users/{id}', idPath(bob.id))).id).toBe(bob.id);
  });

  it('deletes a tenant with members only with force, keeping the users', async () => {
    const tenant = must(await asAdmin().POST('/api/v1/tenants', { body: { slug: `${tag}-doomed`, name: 'Doomed' } }));
    const member = await newUser({ tenant: tenant.slug });
    const refused = await asAdmin().DELETE('/api/v1/tenants/{tenant}', tenantPath(tenant.id));
    expect(refused.response.status).toBe(409);
    expect(refused.error!.detail).toContain('force=true');
    expect((await asAdmin().DELETE('/api/v1/tenants/{tenant}', { params: { path: { tenant: tenant.id }, query: { force: 'true' } } })).response.status).toBe(204);
    expect((await asAdmin().GET('/api/v1/tenants/{tenant}', tenantPath(tenant.id))).response.status).toBe(404);
    const user = must(await asAdmin().GET('/api/v1/users/{id}', idPath(member.id)));
    expect(user.tenants).toEqual([]);
  });

  it('refuses to add a user who is being deleted', async () => {
    const tenant = must(await asAdmin().POST('/api/v1/tenants', { body: { slug: `${tag}-late`, name: 'Late' } }));
    const leaving = await newUser();
    await holdDeletion(env, leaving.id);
    const { error, response } = await asAdmin().PUT('/api/v1/tenants/{tenant}/users/{userId}', { ...memberPath(tenant.id, leaving.id), body: { role: 'user' } });
    expect(response.status, JSON.stringify(error)).toBe(409);
    expect(error!.detail).toMatch(/being deleted/);
    expect(must(await asAdmin().GET('/api/v1/tenants/{tenant}/users', tenantPath(tenant.id))).total).toBe(0);
  });
});

describe('resources and permissions', () => {
  let tenant: { id: string; slug: string };
  let resource: { id: string; name: string };
  let user: { id: string; email: string };

  const permissionsOf = async (userId: string) => must(await asAdmin().GET('/api/v1/users/{id}/permissions', idPath(userId)));
  const holderCountOf = async (resourceId: string) => must(await asAdmin().GET('/api/v1/resources/{id}', idPath(resourceId))).holderCount;

  beforeAll(async () => {
    tenant = must(await asAdmin().POST('/api/v1/tenants', { body: { slug: `${tag}-res`, name: 'Resources' } }));
    resource = must(await asAdmin().POST('/api/v1/resources', { body: { name: `${tag} close`, kind: 'workflow', tenantId: tenant.id } }));
    user = await newUser({ tenant: tenant.slug });
  });

  it('creates, lists by name, edits and deletes resources, refusing bad input', async () => {
    const listed = await asAdmin().GET('/api/v1/resources', { params: { query: { pattern: `${tag} cl` } } });
    expect(listed.data!.items.map((r) => [r.id, r.tenantSlug])).toEqual([[resource.id, tenant.slug]]);
    expect((await asAdmin().PATCH('/api/v1/resources/{id}', { ...idPath(resource.id), body: { kind: 'report' } })).data!.kind).toBe('report');

    const bad = await asAdmin().POST('/api/v1/resources', { body: { name: '', kind: 'x'.repeat(41) } });
    expect(bad.response.status).toBe(422);
    expect(bad.error!.errors!.map((e) => e.path).sort()).toEqual(['kind', 'name']);
    expect((await asAdmin().POST('/api/v1/resources', { body: { name: 'Orphan', kind: 'report', tenantId: 'ten_nope' } })).response.status).toBe(404);

    const doomed = must(await asAdmin().POST('/api/v1/resources', { body: { name: `${tag} doomed`, kind: 'report' } }));
    must(await asAdmin().PUT('/api/v1/users/{id}/permissions/{resourceId}', { ...grantPath(user.id, doomed.id), body: { role: 'owner' } }));
    expect((await asAdmin().DELETE('/api/v1/resources/{id}', idPath(doomed.id))).response.status).toBe(204);
    expect((await permissionsOf(user.id)).map((p) => p.resourceId)).not.toContain(doomed.id);
    expect((await asAdmin().GET('/api/v1/resources/{id}', idPath(doomed.id))).response.status).toBe(404);
  });

  it('grants (201), changes (200, also by POST) and revokes (204, then 404) a role, in both directions', async () => {
    const path = grantPath(user.id, resource.id);
    const granted = await asAdmin().PUT('/api/v1/users/{id}/permissions/{resourceId}', { ...path, body: { role: 'reader' } });
    expect(granted.response.status).toBe(201);
    expect(granted.data).toMatchObject({ resourceId: resource.id, resourceName: resource.name, role: 'reader', expiresAt: null, expired: false });
    const changed = await asAdmin().POST('/api/v1/users/{id}/permissions/{resourceId}', { ...path, body: { role: 'editor', expiresAt: '2099-01-01T00:00:00Z' } });
    expect(changed.response.status).toBe(200);
    expect(changed.data).toMatchObject({ role: 'editor', expiresAt: '2099-01-01T00:00:00.000Z' });

    expect(await permissionsOf(user.id)).toEqual([expect.objectContaining({ resourceId: resource.id, role: 'editor' })]);
    expect(must(await asAdmin().GET('/api/v1/resources/{id}/permissions', idPath(resource.id)))).toEqual([expect.objectContaining({ userId: user.id, email: user.email, role: 'editor' })]);

    const revoke = () => asAdmin().DELETE('/api/v1/users/{id}/permissions/{resourceId}', path);
    expect((await revoke()).response.status).toBe(204);
    expect((await revoke()).response.status).toBe(404);
    expect(await permissionsOf(user.id)).toEqual([]);
  });

  it('refuses an unknown role, an unknown resource or user, an expiry in the past, and a user being deleted', async () => {
    const grant = (id: string, resourceId: string, body: { role: 'reader'; expiresAt?: string }) => asAdmin().PUT('/api/v1/users/{id}/permissions/{resourceId}', { ...grantPath(id, resourceId), body });
    // A role the types forbid, on purpose: the untyped call.
    const role = await api(`/api/v1/users/${user.id}/permissions/${resource.id}`, { method: 'PUT', token: admin, json: { role: 'superuser' } });
    expect(role.status).toBe(422);
    expect(role.body.errors[0]).toEqual({ path: 'role', message: 'The role must be one of reader, executor, editor, owner.' });
    const past = await grant(user.id, resource.id, { role: 'reader', expiresAt: '2001-01-01T00:00:00Z' });
    expect(past.response.status).toBe(422);
    expect(past.error!.errors).toEqual([{ path: 'expiresAt', message: 'The expiry must be in the future.' }]);
    const malformedDate = await grant(user.id, resource.id, { role: 'reader', expiresAt: 'next tuesday' });
    expect(malformedDate.response.status).toBe(422);
    expect((await grant(user.id, 'res_nope', { role: 'reader' })).response.status).toBe(404);
    expect((await grant('usr_nope', resource.id, { role: 'reader' })).response.status).toBe(404);

    const leaving = await newUser();
    await holdDeletion(env, leaving.id);
    const deleting = await grant(leaving.id, resource.id, { role: 'reader' });
    expect(deleting.response.status, JSON.stringify(deleting.error)).toBe(409);
    expect(deleting.error!.detail).toMatch(/being deleted/);
    expect(await permissionsOf(leaving.id)).toEqual([]);
  });

  it('shows an expired grant as expired and leaves it out of the resource’s holder count', async () => {
    const holder = await newUser();
    must(await asAdmin().PUT('/api/v1/users/{id}/permissions/{resourceId}', { ...grantPath(holder.id, resource.id), body: { role: 'executor', expiresAt: new Date(Date.now() + 60 * 60_000).toISOString() } }));
    expect(await permissionsOf(holder.id)).toEqual([expect.objectContaining({ role: 'executor', expired: false })]);
    expect(await holderCountOf(resource.id)).toBe(1);
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
    expect(await permissionsOf(holder.id)).toEqual([expect.objectContaining({ role: 'executor', expired: true })]);
    expect(await holderCountOf(resource.id)).toBe(0);
  });

  it('saves a batch of changes all together, or none when one row is wrong (naming the row)', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const second = must(await asAdmin().POST('/api/v1/resources', { body: { name: `${tag} second`, kind: 'dataset', tenantId: tenant.id } }));
    const refused = await asAdmin().PATCH('/api/v1/resources/{id}/permissions', {
      ...idPath(resource.id),
      body: { changes: [{ userId: a.id, role: 'reader' }, { userId: b.id, role: 'owner', expiresAt: '2000-01-01T00:00:00Z' }] },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.error!.errors).toEqual([{ path: 'changes.1', message: 'The expiry must be in the future.' }]);
    expect(await permissionsOf(a.id)).toEqual([]);

    const saved = await asAdmin().PATCH('/api/v1/users/{id}/permissions', {
      ...idPath(a.id),
      body: { changes: [{ resourceId: resource.id, role: 'reader' }, { resourceId: second.id, role: 'owner' }] },
    });
    expect(saved.response.status).toBe(200);
    expect(saved.data).toEqual({ granted: 2, changed: 0, revoked: 0, unchanged: 0 });
    const next = must(await asAdmin().PATCH('/api/v1/users/{id}/permissions', { ...idPath(a.id), body: { changes: [{ resourceId: resource.id, role: null }, { resourceId: second.id, role: 'editor' }] } }));
    expect(next).toEqual({ granted: 0, changed: 1, revoked: 1, unchanged: 0 });
  });
});

describe('a tenant admin', () => {
  it('sees and manages only their tenant, and creates users inside it', async () => {
    const mine = must(await asAdmin().POST('/api/v1/tenants', { body: { slug: `${tag}-mine`, name: 'Mine' } }));
    const theirs = must(await asAdmin().POST('/api/v1/tenants', { body: { slug: `${tag}-theirs`, name: 'Theirs' } }));
    const boss = await newUser({ tenant: mine.slug });
    must(await asAdmin().PUT('/api/v1/tenants/{tenant}/users/{userId}', { ...memberPath(mine.id, boss.id), body: { role: 'admin' } }));
    const stranger = await newUser({ tenant: theirs.slug });
    const client = gatehouse({ token: await signInForToken(boss.email, PASSWORD) });

    const created = await client.POST('/api/v1/users', { body: { email: `${tag}-hire@example.com`, tenant: mine.slug, sendInvite: false } });
    expect(created.response.status).toBe(201);
    if (!created.data || !('user' in created.data)) throw new Error(`Expected the created user: ${JSON.stringify(created.data)}`);
    const hire = created.data.user;
    expect(hire.status).toBe('pending');
    const listed = await client.GET('/api/v1/users', { params: { query: { pattern: tag, limit: 100 } } });
    expect(listed.data!.items.map((u) => u.email).sort()).toEqual([boss.email, `${tag}-hire@example.com`].sort());
    expect((await client.GET('/api/v1/users/{id}', idPath(stranger.id))).response.status).toBe(404);
    expect((await client.POST('/api/v1/users', { body: { email: `${tag}-spy@example.com`, password: PASSWORD, tenant: theirs.slug } })).response.status).toBe(404);
    // Adding someone from outside would hand the tenant admin their account.
    expect((await client.PUT('/api/v1/tenants/{tenant}/users/{userId}', { ...memberPath(mine.id, stranger.id), body: { role: 'user' } })).response.status).toBe(404);
    const scope = await client.PATCH('/api/v1/users/{id}', { ...idPath(hire.id), body: { scope: ['admin'] } });
    expect(scope.response.status).toBe(403);
    expect((await client.PATCH('/api/v1/users/{id}', { ...idPath(hire.id), body: { status: 'suspended' } })).data!.status).toBe('suspended');
    expect((await client.GET('/api/v1/tenants')).data!.items.map((t) => t.slug)).toEqual([mine.slug]);
  });
});
