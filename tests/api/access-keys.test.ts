import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { cancelHeldDeletions, holdDeletion } from '../support/held-deletion';
import { TEST_ADMIN } from '../support/server';

/**
 * Issue 14, access keys: every user has one long-lived key that they and the admins who
 * control their account may read again, that works as a bearer credential, and that ends
 * exactly when tokens end (rotation, suspension, deletion, a password change by an admin).
 */

const PASSWORD = 'access key password 14';
const tag = `ak${Date.now().toString(36)}`;
let adminToken = '';
let env: Awaited<ReturnType<typeof useServerDatabase>>;
let serial = 0;

async function asAdmin(method: string, path: string, json?: unknown) {
  const response = await api(path, { method, token: adminToken, json });
  expect(response.status, `${method} ${path}: ${response.text}`).toBeLessThan(300);
  return response.body;
}

async function newUser(extra: Record<string, unknown> = {}): Promise<{ id: string; email: string; token: string }> {
  serial += 1;
  const email = `${tag}-${serial}@example.com`;
  const { user } = (await asAdmin('POST', '/api/v1/users', { email, password: PASSWORD, ...extra })) as { user: { id: string } };
  return { id: user.id, email, token: await signInForToken(email, PASSWORD) };
}

async function ownKey(token: string): Promise<string> {
  const response = await api('/api/v1/me/access-key', { token });
  expect(response.status, response.text).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return response.body.accessKey as string;
}

const meWith = async (key: string) => (await api('/api/v1/me', { token: key })).status;

beforeAll(async () => {
  env = await useServerDatabase();
  adminToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
});

describe('access keys', () => {
  it('each user has one key, shown again on every read, that works as a bearer credential', async () => {
    const user = await newUser();
    const key = await ownKey(user.token);
    expect(key).toMatch(/^gk_[\w-]{32}$/);
    expect(await ownKey(user.token)).toBe(key);
    const me = await api('/api/v1/me', { token: key });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);
    // An admin reads the same key.
    expect(((await asAdmin('GET', `/api/v1/users/${user.id}/access-key`)) as { accessKey: string }).accessKey).toBe(key);
  });

  it('is stored encrypted and found by a keyed hash, never in clear, and never written to the audit trail', async () => {
    const user = await newUser();
    const key = await ownKey(user.token);
    const { accessTokens, auditEvents } = env.schema;
    const rows = (await env.db.select().from(accessTokens).where(eq(accessTokens.userId, user.id))).filter((row) => row.kind === 'access-key');
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(key.slice(3));
    // Not a plain hash that anyone holding the database could check a guessed key against.
    expect(rows[0].tokenHash).not.toBe(createHash('sha256').update(key).digest('hex'));
    const audit = JSON.stringify(await env.db.select().from(auditEvents));
    expect(audit).toContain('access-key.shown');
    expect(audit).not.toContain(key);
  });

  it('rotating replaces the key: the old one is refused at once, the new one works', async () => {
    const user = await newUser();
    const old = await ownKey(user.token);
    const rotated = await api('/api/v1/me/access-key/rotate', { method: 'POST', token: user.token });
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.accessKey as string;
    expect(fresh).not.toBe(old);
    expect(await meWith(old)).toBe(401);
    expect(await meWith(fresh)).toBe(200);
    expect(await ownKey(user.token)).toBe(fresh);

    const byAdmin = (await asAdmin('POST', `/api/v1/users/${user.id}/access-key/rotate`)) as { accessKey: string };
    expect(await meWith(fresh)).toBe(401);
    expect(await meWith(byAdmin.accessKey)).toBe(200);
  });

  it('suspension ends the key; after reactivation the old key stays dead and a new one is shown', async () => {
    const user = await newUser();
    const key = await ownKey(user.token);
    await asAdmin('PATCH', `/api/v1/users/${user.id}`, { status: 'suspended' });
    expect(await meWith(key)).toBe(401);
    await asAdmin('PATCH', `/api/v1/users/${user.id}`, { status: 'active' });
    expect(await meWith(key)).toBe(401);
    const shown = (await asAdmin('GET', `/api/v1/users/${user.id}/access-key`)) as { accessKey: string };
    expect(shown.accessKey).not.toBe(key);
    expect(await meWith(shown.accessKey)).toBe(200);
  });

  it('a password set by an admin, and a deletion, end the key', async () => {
    const user = await newUser();
    const key = await ownKey(user.token);
    await asAdmin('POST', `/api/v1/users/${user.id}/password`, { password: 'a brand new password 15' });
    expect(await meWith(key)).toBe(401);

    const doomed = await newUser();
    const doomedKey = await ownKey(doomed.token);
    await asAdmin('DELETE', `/api/v1/users/${doomed.id}`);
    expect(await meWith(doomedKey)).toBe(401);
  });

  it('a user being deleted has no key to show or rotate', async () => {
    const user = await newUser();
    const key = await ownKey(user.token);
    await holdDeletion(env, user.id);
    expect(await meWith(key)).toBe(401);
    expect((await api(`/api/v1/users/${user.id}/access-key`, { token: adminToken })).status).toBe(409);
    expect((await api(`/api/v1/users/${user.id}/access-key/rotate`, { method: 'POST', token: adminToken })).status).toBe(409);
    await cancelHeldDeletions(adminToken);
  });

  it('a tenant admin reads the keys of their own members only, never a system admin’s or a shared member’s', async () => {
    const tenantA = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-a`, name: 'A' })) as { id: string };
    const tenantB = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-b`, name: 'B' })) as { id: string };
    const tenantAdmin = await newUser({ tenant: `${tag}-a` });
    await asAdmin('PUT', `/api/v1/tenants/${tenantA.id}/users/${tenantAdmin.id}`, { role: 'admin' });
    const own = await newUser({ tenant: `${tag}-a` });
    const shared = await newUser({ tenant: `${tag}-a` });
    await asAdmin('PUT', `/api/v1/tenants/${tenantB.id}/users/${shared.id}`, { role: 'user' });
    const outsider = await newUser({ tenant: `${tag}-b` });

    const read = (id: string) => api(`/api/v1/users/${id}/access-key`, { token: tenantAdmin.token });
    const ownRead = await read(own.id);
    expect(ownRead.status).toBe(200);
    expect(ownRead.body.accessKey).toBe(await ownKey(own.token));
    expect((await read(shared.id)).status).toBe(403);
    expect((await read(outsider.id)).status).toBe(404);
    // A system admin who is also a member of the tenant stays out of reach.
    const systemAdmin = await newUser({ tenant: `${tag}-a`, scope: ['admin'] });
    expect((await read(systemAdmin.id)).status).toBe(403);
    expect((await api(`/api/v1/users/${shared.id}/access-key/rotate`, { method: 'POST', token: tenantAdmin.token })).status).toBe(403);

    // A plain user reads only their own.
    expect((await api(`/api/v1/users/${own.id}/access-key`, { token: outsider.token })).status).toBe(403);
  });
});
