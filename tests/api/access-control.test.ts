import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, type Operation } from '@/lib/access';
import { api, signInForToken } from '../support/api';
import { routeMethodsOnDisk } from '../support/routes';
import { TEST_ADMIN } from '../support/server';

/**
 * Every API route, called as each kind of caller, answers as the access matrix
 * (lib/access.ts) says: 401 for anonymous callers where a sign-in is needed, 403 for callers
 * below the operation's reach, 404 for a tenant admin asking about another tenant's objects,
 * and an answer that is none of these for everyone allowed. A route on disk that is missing
 * from the table below fails the test, so no new route goes unchecked.
 */

const CALLERS = ['anonymous', 'plain user', 'admin of another tenant', 'admin of the tenant', 'system admin'] as const;
type Caller = (typeof CALLERS)[number];

const PASSWORD = 'access control password 1';
const tag = `acl${Date.now().toString(36)}`;

type Fixture = {
  tokens: Record<Exclude<Caller, 'anonymous'>, string>;
  tenantA: { id: string; slug: string };
  tenantB: { id: string; slug: string };
  member: { id: string };
  resource: { id: string };
};
let fx: Fixture;
let serial = 0;

async function asAdmin(method: string, url: string, json?: unknown) {
  const response = await api(url, { method, token: fx?.tokens['system admin'] ?? adminToken, json });
  if (response.status >= 400) throw new Error(`${method} ${url} failed in setup: ${response.status} ${response.text}`);
  return response.body;
}
let adminToken = '';

/** A new user in tenant A (the objects a tenant admin of A manages), with a password unless pending. */
async function newMemberOfA(options: { pending?: boolean } = {}): Promise<string> {
  serial += 1;
  const json = { email: `${tag}-${serial}@example.com`, tenant: fx.tenantA.slug, ...(options.pending ? { sendInvite: false } : { password: PASSWORD }) };
  return ((await asAdmin('POST', '/api/v1/users', json)) as { user: { id: string } }).user.id;
}

type Request = { path: string; json?: unknown };
type Case = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route's folder under app/api/v1, as on disk. */
  route: string;
  operation: Operation | null;
  request: (caller: Caller) => Request | Promise<Request>;
  /** For listings: another tenant's admin gets an answer, but it must not mention tenant A's objects. */
  listing?: boolean;
};

const member = () => fx.member.id;
const CASES: Case[] = [
  { method: 'POST', route: 'auth/token', operation: 'auth.sign-in', request: async () => ({ path: '/api/v1/auth/token', json: { email: `${tag}-1@example.com`, password: PASSWORD } }) },
  { method: 'DELETE', route: 'auth/token', operation: 'auth.sign-out', request: () => ({ path: '/api/v1/auth/token' }) },
  { method: 'GET', route: 'me', operation: 'me.read', request: () => ({ path: '/api/v1/me' }) },
  { method: 'PATCH', route: 'me', operation: 'me.update', request: () => ({ path: '/api/v1/me', json: { department: 'Access control' } }) },
  // A wrong old password is refused (422) only after access was granted.
  { method: 'POST', route: 'me/password', operation: 'me.change-password', request: () => ({ path: '/api/v1/me/password', json: { oldPassword: 'not the password', newPassword: 'another fine password 2' } }) },
  { method: 'POST', route: 'password/forgot', operation: 'password.forgot', request: () => ({ path: '/api/v1/password/forgot', json: { email: `${tag}-nobody@example.com` } }) },
  { method: 'POST', route: 'password/reset', operation: 'password.reset', request: () => ({ path: '/api/v1/password/reset', json: { code: 'made-up', password: 'another fine password 2' } }) },
  { method: 'POST', route: 'sign-up/confirm', operation: 'sign-up.confirm', request: () => ({ path: '/api/v1/sign-up/confirm', json: { code: 'made-up', password: PASSWORD } }) },
  { method: 'POST', route: 'invitations/accept', operation: 'invitation.accept', request: () => ({ path: '/api/v1/invitations/accept', json: { code: 'made-up', password: 'another fine password 2' } }) },
  {
    method: 'POST',
    route: 'users',
    operation: 'users.create',
    // Tenant admins create inside their tenant; everyone else signs up.
    request: (caller) => {
      serial += 1;
      const tenant = caller === 'admin of another tenant' ? { tenant: fx.tenantB.slug } : caller === 'admin of the tenant' || caller === 'system admin' ? { tenant: fx.tenantA.slug } : {};
      return { path: '/api/v1/users', json: { email: `${tag}-new-${serial}@example.com`, password: PASSWORD, ...tenant } };
    },
  },
  { method: 'GET', route: 'users', operation: 'users.list', listing: true, request: () => ({ path: `/api/v1/users?pattern=${tag}&limit=100` }) },
  { method: 'GET', route: 'users/count', operation: 'users.list', listing: true, request: () => ({ path: `/api/v1/users/count?filter=tenant:${fx.tenantA.id}` }) },
  { method: 'GET', route: 'users/export', operation: 'users.list', listing: true, request: () => ({ path: `/api/v1/users/export?pattern=${tag}` }) },
  { method: 'GET', route: 'users/[id]', operation: 'users.read', request: () => ({ path: `/api/v1/users/${member()}` }) },
  { method: 'PATCH', route: 'users/[id]', operation: 'users.update', request: () => ({ path: `/api/v1/users/${member()}`, json: { department: 'Finance' } }) },
  { method: 'DELETE', route: 'users/[id]', operation: 'users.delete', request: async () => ({ path: `/api/v1/users/${await newMemberOfA()}` }) },
  {
    method: 'GET',
    route: 'users/[id]/delete-status/[ticket]',
    operation: 'users.delete',
    request: async () => {
      const id = await newMemberOfA();
      const { ticket } = (await asAdmin('DELETE', `/api/v1/users/${id}`)) as { ticket: string };
      return { path: `/api/v1/users/${id}/delete-status/${ticket}` };
    },
  },
  {
    method: 'DELETE',
    route: 'users/[id]/delete-status/[ticket]',
    operation: 'users.delete',
    request: async () => {
      const id = await newMemberOfA();
      const { ticket } = (await asAdmin('DELETE', `/api/v1/users/${id}`)) as { ticket: string };
      return { path: `/api/v1/users/${id}/delete-status/${ticket}` };
    },
  },
  { method: 'GET', route: 'deletions', operation: 'users.delete', request: () => ({ path: '/api/v1/deletions' }) },
  { method: 'POST', route: 'users/[id]/invitation', operation: 'users.invite', request: async () => ({ path: `/api/v1/users/${await newMemberOfA({ pending: true })}/invitation` }) },
  { method: 'POST', route: 'users/[id]/password', operation: 'users.set-password', request: () => ({ path: `/api/v1/users/${member()}/password`, json: { sendEmail: true } }) },
  { method: 'GET', route: 'users/[id]/permissions', operation: 'permissions.read', request: () => ({ path: `/api/v1/users/${member()}/permissions` }) },
  {
    method: 'PATCH',
    route: 'users/[id]/permissions',
    operation: 'permissions.manage',
    request: () => ({ path: `/api/v1/users/${member()}/permissions`, json: { changes: [{ resourceId: fx.resource.id, role: 'reader' }] } }),
  },
  { method: 'PUT', route: 'users/[id]/permissions/[resourceId]', operation: 'permissions.manage', request: () => ({ path: `/api/v1/users/${member()}/permissions/${fx.resource.id}`, json: { role: 'editor' } }) },
  { method: 'POST', route: 'users/[id]/permissions/[resourceId]', operation: 'permissions.manage', request: () => ({ path: `/api/v1/users/${member()}/permissions/${fx.resource.id}`, json: { role: 'executor' } }) },
  {
    method: 'DELETE',
    route: 'users/[id]/permissions/[resourceId]',
    operation: 'permissions.manage',
    request: async () => {
      await asAdmin('PUT', `/api/v1/users/${member()}/permissions/${fx.resource.id}`, { role: 'reader' });
      return { path: `/api/v1/users/${member()}/permissions/${fx.resource.id}` };
    },
  },
  { method: 'GET', route: 'mail', operation: 'mail.read', request: () => ({ path: '/api/v1/mail' }) },
  { method: 'GET', route: 'settings/password-policy', operation: 'settings.manage', request: () => ({ path: '/api/v1/settings/password-policy' }) },
  { method: 'PUT', route: 'settings/password-policy', operation: 'settings.manage', request: () => ({ path: '/api/v1/settings/password-policy', json: { minLength: 12, requiredClasses: [] } }) },
  { method: 'GET', route: 'tenants', operation: 'tenants.list', listing: true, request: () => ({ path: '/api/v1/tenants' }) },
  {
    method: 'POST',
    route: 'tenants',
    operation: 'tenants.manage',
    request: () => {
      serial += 1;
      return { path: '/api/v1/tenants', json: { slug: `${tag}-t${serial}`, name: 'Made by the access test' } };
    },
  },
  { method: 'GET', route: 'tenants/[tenant]', operation: 'tenants.read', request: () => ({ path: `/api/v1/tenants/${fx.tenantA.slug}` }) },
  { method: 'PATCH', route: 'tenants/[tenant]', operation: 'tenants.manage', request: () => ({ path: `/api/v1/tenants/${fx.tenantA.id}`, json: { name: 'Tenant A' } }) },
  {
    method: 'DELETE',
    route: 'tenants/[tenant]',
    operation: 'tenants.manage',
    request: async () => {
      serial += 1;
      const tenant = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-d${serial}`, name: 'To delete' })) as { id: string };
      return { path: `/api/v1/tenants/${tenant.id}` };
    },
  },
  { method: 'GET', route: 'tenants/[tenant]/users', operation: 'tenant-members.list', request: () => ({ path: `/api/v1/tenants/${fx.tenantA.id}/users` }) },
  { method: 'PUT', route: 'tenants/[tenant]/users/[userId]', operation: 'tenant-members.manage', request: () => ({ path: `/api/v1/tenants/${fx.tenantA.id}/users/${member()}`, json: { role: 'user' } }) },
  { method: 'DELETE', route: 'tenants/[tenant]/users/[userId]', operation: 'tenant-members.manage', request: async () => ({ path: `/api/v1/tenants/${fx.tenantA.id}/users/${await newMemberOfA()}` }) },
  { method: 'GET', route: 'resources', operation: 'resources.list', listing: true, request: () => ({ path: '/api/v1/resources?limit=100' }) },
  { method: 'POST', route: 'resources', operation: 'resources.manage', request: () => ({ path: '/api/v1/resources', json: { name: `${tag} made`, kind: 'report', tenantId: fx.tenantA.id } }) },
  { method: 'GET', route: 'resources/[id]', operation: 'resources.list', request: () => ({ path: `/api/v1/resources/${fx.resource.id}` }) },
  { method: 'PATCH', route: 'resources/[id]', operation: 'resources.manage', request: () => ({ path: `/api/v1/resources/${fx.resource.id}`, json: { kind: 'workflow' } }) },
  {
    method: 'DELETE',
    route: 'resources/[id]',
    operation: 'resources.manage',
    request: async () => {
      const resource = (await asAdmin('POST', '/api/v1/resources', { name: `${tag} doomed`, kind: 'report', tenantId: fx.tenantA.id })) as { id: string };
      return { path: `/api/v1/resources/${resource.id}` };
    },
  },
  { method: 'GET', route: 'resources/[id]/permissions', operation: 'permissions.read', request: () => ({ path: `/api/v1/resources/${fx.resource.id}/permissions` }) },
  {
    method: 'PATCH',
    route: 'resources/[id]/permissions',
    operation: 'permissions.manage',
    request: () => ({ path: `/api/v1/resources/${fx.resource.id}/permissions`, json: { changes: [{ userId: member(), role: 'owner' }] } }),
  },
  ...(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method) => ({
    method,
    route: '[...unmatched]',
    operation: null,
    request: () => ({ path: '/api/v1/no/such/endpoint', json: method === 'GET' || method === 'DELETE' ? undefined : {} }),
  })),
];

/** What the matrix says a caller gets: a denial status, or 'allowed'. */
function expectedFor(operation: Operation | null, caller: Caller, listing: boolean): 401 | 403 | 404 | 'allowed' {
  if (operation === null) return 404;
  const { reach } = OPERATIONS[operation];
  if (reach === 'public' || caller === 'system admin') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (reach === 'user') return 'allowed';
  if (reach === 'admin' || caller === 'plain user') return 403;
  if (caller === 'admin of the tenant') return 'allowed';
  return listing ? 'allowed' : 404;
}

beforeAll(async () => {
  adminToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  const tenantA = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-a`, name: 'Tenant A' })) as Fixture['tenantA'];
  const tenantB = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-b`, name: 'Tenant B' })) as Fixture['tenantB'];
  const makeUser = async (name: string, tenant: { slug: string }) =>
    ((await asAdmin('POST', '/api/v1/users', { email: `${tag}-${name}@example.com`, password: PASSWORD, tenant: tenant.slug })) as { user: { id: string } }).user.id;
  fx = { tenantA, tenantB, tokens: {} as Fixture['tokens'], member: { id: '' }, resource: { id: '' } };
  serial = 1;
  await makeUser('1', tenantA);
  fx.member.id = await makeUser('member', tenantA);
  await makeUser('plain', tenantA);
  const adminOfA = await makeUser('admin-a', tenantA);
  const adminOfB = await makeUser('admin-b', tenantB);
  await asAdmin('PUT', `/api/v1/tenants/${tenantA.id}/users/${adminOfA}`, { role: 'admin' });
  await asAdmin('PUT', `/api/v1/tenants/${tenantB.id}/users/${adminOfB}`, { role: 'admin' });
  fx.resource = (await asAdmin('POST', '/api/v1/resources', { name: `${tag} ledger`, kind: 'workflow', tenantId: tenantA.id })) as { id: string };
  fx.tokens = {
    'plain user': await signInForToken(`${tag}-plain@example.com`, PASSWORD),
    'admin of another tenant': await signInForToken(`${tag}-admin-b@example.com`, PASSWORD),
    'admin of the tenant': await signInForToken(`${tag}-admin-a@example.com`, PASSWORD),
    'system admin': adminToken,
  };
});

describe('access control, route by route', () => {
  it('has a row for every route handler under app/api/v1', () => {
    const covered = [...new Set(CASES.map((c) => `${c.method} ${c.route}`))].sort();
    expect(routeMethodsOnDisk()).toEqual(covered);
  });

  it('names in each route file the operation the table expects', () => {
    for (const c of CASES) {
      if (c.operation === null) continue;
      const source = readFileSync(path.join(process.cwd(), 'app', 'api', 'v1', ...c.route.split('/'), 'route.ts'), 'utf8');
      expect(source, `${c.method} ${c.route}`).toContain(`operation: '${c.operation}'`);
    }
  });

  for (const c of CASES) {
    it(`${c.method} ${c.route} (${c.operation ?? 'no route'})`, async () => {
      for (const caller of CALLERS) {
        const expected = expectedFor(c.operation, caller, c.listing ?? false);
        // Sign-out revokes the token it is called with: give each caller a fresh one.
        const token = caller === 'anonymous' ? undefined : c.operation === 'auth.sign-out' ? await freshToken(caller) : fx.tokens[caller];
        const { path: url, json } = await c.request(caller);
        const response = await api(url, { method: c.method, token, json });
        const label = `${c.method} ${url} as ${caller}: ${response.status} ${response.text.slice(0, 200)}`;
        if (expected === 'allowed') {
          expect([401, 403, 404], label).not.toContain(response.status);
          expect(response.status, label).toBeLessThan(500);
          if (c.listing && caller === 'admin of another tenant') {
            expect(response.text, label).not.toContain(fx.member.id);
            expect(response.text, label).not.toContain(fx.resource.id);
            expect(response.text, label).not.toContain(fx.tenantA.id);
          }
        } else {
          expect(response.status, label).toBe(expected);
          // A refusal names at most what the caller sent: none of the object's own data.
          for (const secret of [`${tag}-member@example.com`, `${tag} ledger`, 'Tenant A']) expect(response.text, label).not.toContain(secret);
        }
      }
    });
  }
});

async function freshToken(caller: Exclude<Caller, 'anonymous'>): Promise<string> {
  if (caller === 'system admin') return signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  const name = { 'plain user': 'plain', 'admin of another tenant': 'admin-b', 'admin of the tenant': 'admin-a' }[caller];
  return signInForToken(`${tag}-${name}@example.com`, PASSWORD);
}

describe('changes of role take effect on the next request', () => {
  it('a tenant admin demoted to member loses access at once, and regains it when promoted', async () => {
    const adminOfA = (await api(`/api/v1/me`, { token: fx.tokens['admin of the tenant'] })).body.id as string;
    const members = `/api/v1/tenants/${fx.tenantA.id}/users`;
    expect((await api(members, { token: fx.tokens['admin of the tenant'] })).status).toBe(200);
    await asAdmin('PUT', `/api/v1/tenants/${fx.tenantA.id}/users/${adminOfA}`, { role: 'user' });
    expect((await api(members, { token: fx.tokens['admin of the tenant'] })).status).toBe(403);
    await asAdmin('PUT', `/api/v1/tenants/${fx.tenantA.id}/users/${adminOfA}`, { role: 'admin' });
    expect((await api(members, { token: fx.tokens['admin of the tenant'] })).status).toBe(200);
  });

  it('a tenant admin cannot reach a system admin who is a member of their tenant', async () => {
    const systemAdmin = (await api('/api/v1/me', { token: adminToken })).body.id as string;
    await asAdmin('PUT', `/api/v1/tenants/${fx.tenantA.id}/users/${systemAdmin}`, { role: 'user' });
    const patch = await api(`/api/v1/users/${systemAdmin}`, { method: 'PATCH', token: fx.tokens['admin of the tenant'], json: { status: 'suspended' } });
    expect(patch.status).toBe(403);
    const grant = await api(`/api/v1/users/${systemAdmin}/permissions/${fx.resource.id}`, { method: 'PUT', token: fx.tokens['admin of the tenant'], json: { role: 'owner' } });
    expect(grant.status).toBe(403);
    await asAdmin('DELETE', `/api/v1/tenants/${fx.tenantA.id}/users/${systemAdmin}`);
  });
});
