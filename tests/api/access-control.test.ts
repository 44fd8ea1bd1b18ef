import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, type Operation } from '@/lib/access/matrix';
import { api, signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { cancelHeldDeletions, holdDeletion } from '../support/held-deletion';
import { routeMethodsOnDisk } from '../support/routes';
import { TEST_ADMIN } from '../support/server';

/**
 * Every API route, called as each kind of caller, answers as the published access rules say
 * (the table README_RULES below, written by hand from the README and the API reference): 401 for anonymous callers
 * where a sign-in is needed, 403 for callers below the operation's reach, 404 for a tenant
 * admin asking about another tenant's objects, and success (2xx) for everyone allowed, who
 * sends a valid request. The access matrix (lib/access/matrix.ts) must agree with that table, so a
 * wrong entry in it fails here. A route on disk that is missing from the cases fails the test,
 * so no new route goes unchecked.
 */

const CALLERS = ['anonymous', 'plain user', 'admin of another tenant', 'admin of the tenant', 'system admin'] as const;
type Caller = (typeof CALLERS)[number];

const PASSWORD = 'access control password 1';
const NEW_PASSWORD = 'another fine password 2';
const tag = `acl${Date.now().toString(36)}`;

type Fixture = {
  tokens: Record<Exclude<Caller, 'anonymous'>, string>;
  tenantA: { id: string; slug: string };
  tenantB: { id: string; slug: string };
  member: { id: string };
  resource: { id: string };
  systemAdmin: { id: string };
  /** A webhook endpoint (to a public address nothing listens on) with one delivery in its log. */
  webhook: { id: string; deliveryId: string };
  /** An import of one refused row: it creates nobody on the shared server. */
  importId: string;
};
let fx: Fixture;
let serial = 0;
let env: Awaited<ReturnType<typeof useServerDatabase>>;

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

/**
 * A code as the mail would carry it. Without SMTP the server only logs its mails, so the test
 * issues the code itself, the way the server does before mailing it.
 */
async function mailedCode(userId: string, purpose: 'password-reset' | 'invitation' | 'sign-up'): Promise<string> {
  const { issueCode } = await import('@/lib/auth/one-time-codes');
  return (await issueCode(userId, purpose)).code;
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
  /** Puts back what an allowed call changed that later calls rely on. */
  undo?: (token: string) => Promise<void>;
};

const member = () => fx.member.id;
/** A public address (TEST-NET addresses are refused like private ones). */
const WEBHOOK_URL = 'https://93.184.215.14/hooks/access-control';
const CASES: Case[] = [
  { method: 'POST', route: 'auth/token', operation: 'auth.sign-in', request: async () => ({ path: '/api/v1/auth/token', json: { email: `${tag}-1@example.com`, password: PASSWORD } }) },
  { method: 'DELETE', route: 'auth/token', operation: 'auth.sign-out', request: () => ({ path: '/api/v1/auth/token' }) },
  { method: 'GET', route: 'health', operation: 'health.read', request: () => ({ path: '/api/v1/health' }) },
  { method: 'GET', route: 'openapi.json', operation: 'api.describe', request: () => ({ path: '/api/v1/openapi.json' }) },
  { method: 'GET', route: 'me', operation: 'me.read', request: () => ({ path: '/api/v1/me' }) },
  { method: 'PATCH', route: 'me', operation: 'me.update', request: () => ({ path: '/api/v1/me', json: { department: 'Access control' } }) },
  { method: 'GET', route: 'me/access-key', operation: 'me.access-key', request: () => ({ path: '/api/v1/me/access-key' }) },
  { method: 'POST', route: 'me/access-key/rotate', operation: 'me.access-key', request: () => ({ path: '/api/v1/me/access-key/rotate' }) },
  { method: 'GET', route: 'me/sessions', operation: 'me.sessions', request: () => ({ path: '/api/v1/me/sessions' }) },
  // Ends every credential but the one called with, so the callers' tokens stay.
  { method: 'DELETE', route: 'me/sessions', operation: 'me.sessions', request: () => ({ path: '/api/v1/me/sessions' }) },
  {
    method: 'DELETE',
    route: 'me/sessions/[id]',
    operation: 'me.sessions',
    request: async (caller) => ({ path: `/api/v1/me/sessions/${caller === 'anonymous' ? 'tok_unknown' : await newTokenId(callerEmail(caller))}` }),
  },
  {
    method: 'POST',
    route: 'me/password',
    operation: 'me.change-password',
    request: () => ({ path: '/api/v1/me/password', json: { oldPassword: PASSWORD, newPassword: NEW_PASSWORD } }),
    // The token called with stays valid: change the password back with it.
    undo: async (token) => {
      const back = await api('/api/v1/me/password', { method: 'POST', token, json: { oldPassword: NEW_PASSWORD, newPassword: PASSWORD } });
      expect(back.status, back.text).toBe(200);
    },
  },
  { method: 'POST', route: 'password/forgot', operation: 'password.forgot', request: () => ({ path: '/api/v1/password/forgot', json: { email: `${tag}-nobody@example.com` } }) },
  {
    method: 'POST',
    route: 'password/reset',
    operation: 'password.reset',
    request: async () => ({ path: '/api/v1/password/reset', json: { code: await mailedCode(await newMemberOfA(), 'password-reset'), password: NEW_PASSWORD } }),
  },
  {
    method: 'POST',
    route: 'sign-up/confirm',
    operation: 'sign-up.confirm',
    request: async () => {
      serial += 1;
      // A sign-up waiting for its confirmation: pending, with the password chosen at sign-up.
      const { id } = await env.users.createUser({ email: `${tag}-signup-${serial}@example.com`, password: PASSWORD, status: 'pending' });
      return { path: '/api/v1/sign-up/confirm', json: { code: await mailedCode(id, 'sign-up'), password: PASSWORD } };
    },
  },
  {
    method: 'POST',
    route: 'invitations/accept',
    operation: 'invitation.accept',
    request: async () => ({ path: '/api/v1/invitations/accept', json: { code: await mailedCode(await newMemberOfA({ pending: true }), 'invitation'), password: NEW_PASSWORD } }),
  },
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
  {
    method: 'GET',
    route: 'users/count',
    operation: 'users.list',
    listing: true,
    // Another tenant's admin cannot name tenant A in a filter (that answers 400 "Unknown tenant", as for a made-up one).
    request: (caller) => ({ path: `/api/v1/users/count?${caller === 'admin of another tenant' ? `pattern=${tag}` : `filter=tenant:${fx.tenantA.id}`}` }),
  },
  { method: 'GET', route: 'users/export', operation: 'users.list', listing: true, request: () => ({ path: `/api/v1/users/export?pattern=${tag}` }) },
  { method: 'GET', route: 'users/[id]', operation: 'users.read', request: () => ({ path: `/api/v1/users/${member()}` }) },
  { method: 'PATCH', route: 'users/[id]', operation: 'users.update', request: () => ({ path: `/api/v1/users/${member()}`, json: { department: 'Finance' } }) },
  { method: 'GET', route: 'users/[id]/access-key', operation: 'users.access-key', request: () => ({ path: `/api/v1/users/${member()}/access-key` }) },
  { method: 'POST', route: 'users/[id]/access-key/rotate', operation: 'users.access-key', request: () => ({ path: `/api/v1/users/${member()}/access-key/rotate` }) },
  { method: 'GET', route: 'users/[id]/sessions', operation: 'users.sessions', request: () => ({ path: `/api/v1/users/${member()}/sessions` }) },
  { method: 'DELETE', route: 'users/[id]/sessions', operation: 'users.sessions', request: async () => ({ path: `/api/v1/users/${await newMemberOfA()}/sessions` }) },
  {
    method: 'DELETE',
    route: 'users/[id]/sessions/[sessionId]',
    operation: 'users.sessions',
    request: async () => {
      const id = await newMemberOfA();
      return { path: `/api/v1/users/${id}/sessions/${await newTokenId(`${tag}-${serial}@example.com`)}` };
    },
  },
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
    // A deletion the worker has not finished, whatever its pace, so the cancel can succeed.
    request: async () => {
      const id = await newMemberOfA();
      return { path: `/api/v1/users/${id}/delete-status/${await holdDeletion(env, id)}` };
    },
  },
  { method: 'GET', route: 'deletions', operation: 'users.delete', request: () => ({ path: '/api/v1/deletions' }) },
  { method: 'GET', route: 'imports', operation: 'users.import', request: () => ({ path: '/api/v1/imports' }) },
  // A dry run: it writes nothing.
  { method: 'POST', route: 'imports', operation: 'users.import', request: () => ({ path: '/api/v1/imports?dryRun=true', json: [{ email: `${tag}-imported@example.com` }] }) },
  { method: 'GET', route: 'imports/[id]', operation: 'users.import', request: () => ({ path: `/api/v1/imports/${fx.importId}` }) },
  { method: 'GET', route: 'imports/[id]/report', operation: 'users.import', request: () => ({ path: `/api/v1/imports/${fx.importId}/report` }) },
  { method: 'POST', route: 'imports/[id]/cancel', operation: 'users.import', request: () => ({ path: `/api/v1/imports/${fx.importId}/cancel` }) },
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
  { method: 'GET', route: 'audit', operation: 'audit.read', listing: true, request: () => ({ path: '/api/v1/audit?limit=200' }) },
  { method: 'GET', route: 'audit/export', operation: 'audit.read', listing: true, request: () => ({ path: '/api/v1/audit/export?format=ndjson' }) },
  { method: 'GET', route: 'audit/verify', operation: 'audit.verify', request: () => ({ path: '/api/v1/audit/verify' }) },
  { method: 'GET', route: 'users/[id]/activity', operation: 'audit.read', request: () => ({ path: `/api/v1/users/${member()}/activity` }) },
  { method: 'GET', route: 'mail', operation: 'mail.read', request: () => ({ path: '/api/v1/mail' }) },
  { method: 'GET', route: 'settings/audit-retention', operation: 'settings.manage', request: () => ({ path: '/api/v1/settings/audit-retention' }) },
  { method: 'PUT', route: 'settings/audit-retention', operation: 'settings.manage', request: () => ({ path: '/api/v1/settings/audit-retention', json: { days: 400 } }) },
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
  {
    method: 'POST',
    route: 'webhooks',
    operation: 'webhooks.manage',
    // Disabled: nothing is sent to the made-up receiver.
    request: () => ({ path: '/api/v1/webhooks', json: { url: WEBHOOK_URL, events: ['user.created'], enabled: false } }),
  },
  { method: 'GET', route: 'webhooks', operation: 'webhooks.manage', request: () => ({ path: '/api/v1/webhooks' }) },
  { method: 'GET', route: 'webhooks/[id]', operation: 'webhooks.manage', request: () => ({ path: `/api/v1/webhooks/${fx.webhook.id}` }) },
  { method: 'PATCH', route: 'webhooks/[id]', operation: 'webhooks.manage', request: () => ({ path: `/api/v1/webhooks/${fx.webhook.id}`, json: { description: 'Access control' } }) },
  {
    method: 'DELETE',
    route: 'webhooks/[id]',
    operation: 'webhooks.manage',
    request: async () => ({ path: `/api/v1/webhooks/${((await asAdmin('POST', '/api/v1/webhooks', { url: WEBHOOK_URL, events: ['user.created'], enabled: false })) as { id: string }).id}` }),
  },
  { method: 'GET', route: 'webhooks/[id]/deliveries', operation: 'webhooks.manage', request: () => ({ path: `/api/v1/webhooks/${fx.webhook.id}/deliveries` }) },
  {
    method: 'POST',
    route: 'webhooks/[id]/deliveries/[deliveryId]/redeliver',
    operation: 'webhooks.manage',
    request: () => ({ path: `/api/v1/webhooks/${fx.webhook.id}/deliveries/${fx.webhook.deliveryId}/redeliver` }),
  },
  ...(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method) => ({
    method,
    route: '[...unmatched]',
    operation: null,
    request: () => ({ path: '/api/v1/no/such/endpoint', json: method === 'GET' || method === 'DELETE' ? undefined : {} }),
  })),
];

type Outcome = 401 | 403 | 404 | '2xx';
type Row = readonly [anonymous: Outcome, plainUser: Outcome, adminOfAnotherTenant: Outcome, adminOfTheTenant: Outcome, systemAdmin: Outcome];

/**
 * The published rules, by hand, one row per route and method, one column per caller in the
 * order of CALLERS. Not computed from lib/access/matrix.ts: this is what the matrix is checked against.
 */
const ANYONE: Row = ['2xx', '2xx', '2xx', '2xx', '2xx'];
const SIGNED_IN: Row = [401, '2xx', '2xx', '2xx', '2xx'];
/** A tenant admin lists their own tenants' objects; another tenant's admin gets a listing without them. */
const TENANT_LISTING: Row = [401, 403, '2xx', '2xx', '2xx'];
/** A tenant admin reaches their tenant's objects; another tenant's objects answer 404, as unknown ids do. */
const TENANT_OBJECT: Row = [401, 403, 404, '2xx', '2xx'];
const SYSTEM_ADMIN_ONLY: Row = [401, 403, 403, 403, '2xx'];
const NO_SUCH_ROUTE: Row = [404, 404, 404, 404, 404];

const README_RULES: Record<string, Row> = {
  'GET health': ANYONE,
  'GET openapi.json': ANYONE,
  'POST auth/token': ANYONE,
  'DELETE auth/token': SIGNED_IN,
  'GET me': SIGNED_IN,
  'PATCH me': SIGNED_IN,
  'GET me/access-key': SIGNED_IN,
  'POST me/access-key/rotate': SIGNED_IN,
  'POST me/password': SIGNED_IN,
  'GET me/sessions': SIGNED_IN,
  'DELETE me/sessions': SIGNED_IN,
  'DELETE me/sessions/[id]': SIGNED_IN,
  'POST password/forgot': ANYONE,
  'POST password/reset': ANYONE,
  'POST sign-up/confirm': ANYONE,
  'POST invitations/accept': ANYONE,
  // Anyone signs up; admins create, tenant admins inside their own tenant.
  'POST users': ANYONE,
  'GET users': TENANT_LISTING,
  'GET users/count': TENANT_LISTING,
  'GET users/export': TENANT_LISTING,
  'GET users/[id]': TENANT_OBJECT,
  'PATCH users/[id]': TENANT_OBJECT,
  'GET users/[id]/access-key': TENANT_OBJECT,
  'POST users/[id]/access-key/rotate': TENANT_OBJECT,
  'GET users/[id]/sessions': TENANT_OBJECT,
  'DELETE users/[id]/sessions': TENANT_OBJECT,
  'DELETE users/[id]/sessions/[sessionId]': TENANT_OBJECT,
  'DELETE users/[id]': SYSTEM_ADMIN_ONLY,
  'GET users/[id]/delete-status/[ticket]': SYSTEM_ADMIN_ONLY,
  'DELETE users/[id]/delete-status/[ticket]': SYSTEM_ADMIN_ONLY,
  'GET deletions': SYSTEM_ADMIN_ONLY,
  'GET imports': SYSTEM_ADMIN_ONLY,
  'POST imports': SYSTEM_ADMIN_ONLY,
  'GET imports/[id]': SYSTEM_ADMIN_ONLY,
  'GET imports/[id]/report': SYSTEM_ADMIN_ONLY,
  'POST imports/[id]/cancel': SYSTEM_ADMIN_ONLY,
  'POST users/[id]/invitation': TENANT_OBJECT,
  'POST users/[id]/password': SYSTEM_ADMIN_ONLY,
  'GET users/[id]/permissions': TENANT_OBJECT,
  'PATCH users/[id]/permissions': TENANT_OBJECT,
  'PUT users/[id]/permissions/[resourceId]': TENANT_OBJECT,
  'POST users/[id]/permissions/[resourceId]': TENANT_OBJECT,
  'DELETE users/[id]/permissions/[resourceId]': TENANT_OBJECT,
  'GET audit': TENANT_LISTING,
  'GET audit/export': TENANT_LISTING,
  'GET audit/verify': SYSTEM_ADMIN_ONLY,
  'GET users/[id]/activity': TENANT_OBJECT,
  'GET mail': SYSTEM_ADMIN_ONLY,
  'GET settings/audit-retention': SYSTEM_ADMIN_ONLY,
  'PUT settings/audit-retention': SYSTEM_ADMIN_ONLY,
  'GET settings/password-policy': SYSTEM_ADMIN_ONLY,
  'PUT settings/password-policy': SYSTEM_ADMIN_ONLY,
  'GET tenants': TENANT_LISTING,
  'POST tenants': SYSTEM_ADMIN_ONLY,
  'GET tenants/[tenant]': TENANT_OBJECT,
  'PATCH tenants/[tenant]': SYSTEM_ADMIN_ONLY,
  'DELETE tenants/[tenant]': SYSTEM_ADMIN_ONLY,
  'GET tenants/[tenant]/users': TENANT_OBJECT,
  'PUT tenants/[tenant]/users/[userId]': TENANT_OBJECT,
  'DELETE tenants/[tenant]/users/[userId]': TENANT_OBJECT,
  'GET resources': TENANT_LISTING,
  'POST resources': TENANT_OBJECT,
  'GET resources/[id]': TENANT_OBJECT,
  'PATCH resources/[id]': TENANT_OBJECT,
  'DELETE resources/[id]': TENANT_OBJECT,
  'GET resources/[id]/permissions': TENANT_OBJECT,
  'PATCH resources/[id]/permissions': TENANT_OBJECT,
  'POST webhooks': SYSTEM_ADMIN_ONLY,
  'GET webhooks': SYSTEM_ADMIN_ONLY,
  'GET webhooks/[id]': SYSTEM_ADMIN_ONLY,
  'PATCH webhooks/[id]': SYSTEM_ADMIN_ONLY,
  'DELETE webhooks/[id]': SYSTEM_ADMIN_ONLY,
  'GET webhooks/[id]/deliveries': SYSTEM_ADMIN_ONLY,
  'POST webhooks/[id]/deliveries/[deliveryId]/redeliver': SYSTEM_ADMIN_ONLY,
  'GET [...unmatched]': NO_SUCH_ROUTE,
  'POST [...unmatched]': NO_SUCH_ROUTE,
  'PUT [...unmatched]': NO_SUCH_ROUTE,
  'PATCH [...unmatched]': NO_SUCH_ROUTE,
  'DELETE [...unmatched]': NO_SUCH_ROUTE,
};

const readmeSays = (c: Case, caller: Caller): Outcome => README_RULES[`${c.method} ${c.route}`][CALLERS.indexOf(caller)];

/** What lib/access/matrix.ts makes of a case: the reach of its operation, read the way the routes read it. */
function matrixSays(operation: Operation | null, caller: Caller, listing: boolean): Outcome {
  if (operation === null) return 404;
  const { reach } = OPERATIONS[operation];
  if (reach === 'public' || caller === 'system admin') return '2xx';
  if (caller === 'anonymous') return 401;
  if (reach === 'user') return '2xx';
  if (reach === 'admin' || caller === 'plain user') return 403;
  if (caller === 'admin of the tenant') return '2xx';
  return listing ? '2xx' : 404;
}

beforeAll(async () => {
  env = await useServerDatabase();
  adminToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  const tenantA = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-a`, name: 'Tenant A' })) as Fixture['tenantA'];
  const tenantB = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-b`, name: 'Tenant B' })) as Fixture['tenantB'];
  const makeUser = async (name: string, tenant: { slug: string }) =>
    ((await asAdmin('POST', '/api/v1/users', { email: `${tag}-${name}@example.com`, password: PASSWORD, tenant: tenant.slug })) as { user: { id: string } }).user.id;
  fx = { tenantA, tenantB, tokens: {} as Fixture['tokens'], member: { id: '' }, resource: { id: '' }, systemAdmin: { id: '' }, webhook: { id: '', deliveryId: '' }, importId: '' };
  serial = 1;
  await makeUser('1', tenantA);
  fx.member.id = await makeUser('member', tenantA);
  await makeUser('plain', tenantA);
  const adminOfA = await makeUser('admin-a', tenantA);
  const adminOfB = await makeUser('admin-b', tenantB);
  await asAdmin('PUT', `/api/v1/tenants/${tenantA.id}/users/${adminOfA}`, { role: 'admin' });
  await asAdmin('PUT', `/api/v1/tenants/${tenantB.id}/users/${adminOfB}`, { role: 'admin' });
  // The system admin caller changes their own password in one case: not the suite's admin, whose password every file signs in with.
  fx.systemAdmin = (await asAdmin('POST', '/api/v1/users', { email: `${tag}-sysadmin@example.com`, password: PASSWORD, scope: ['user', 'admin'] })).user as { id: string };
  fx.resource = (await asAdmin('POST', '/api/v1/resources', { name: `${tag} ledger`, kind: 'workflow', tenantId: tenantA.id })) as { id: string };
  fx.webhook = await webhookWithDelivery();
  fx.importId = ((await asAdmin('POST', '/api/v1/imports?dryRun=false', [{ email: 'not an email' }])) as { id: string }).id;
  fx.tokens = {
    'plain user': await signInForToken(`${tag}-plain@example.com`, PASSWORD),
    'admin of another tenant': await signInForToken(`${tag}-admin-b@example.com`, PASSWORD),
    'admin of the tenant': await signInForToken(`${tag}-admin-a@example.com`, PASSWORD),
    'system admin': await signInForToken(`${tag}-sysadmin@example.com`, PASSWORD),
  };
});

/**
 * An enabled endpoint (redelivery needs one) for an event no case causes, with a delivery put
 * straight into its log: the API makes none without an event.
 */
async function webhookWithDelivery(): Promise<Fixture['webhook']> {
  const { id } = (await asAdmin('POST', '/api/v1/webhooks', { url: WEBHOOK_URL, events: ['sign_in.throttled'] })) as { id: string };
  const deliveryId = `msg_${tag}`;
  await env.write((tx) =>
    tx.insert(env.schema.webhookDeliveries).values({
      id: deliveryId,
      endpointId: id,
      auditEventId: 1,
      eventType: 'sign_in.throttled',
      payload: { type: 'sign_in.throttled', timestamp: new Date().toISOString(), data: {} },
      orderingKey: 'access-control',
      status: 'failed',
      createdAt: new Date(),
    }),
  );
  return { id, deliveryId };
}

// Later files rely on no deletion left running and on the suite's admin being the only active one.
afterAll(async () => {
  await cancelHeldDeletions(adminToken);
  // Nothing listens at the webhook's address: stop the redelivered message's retries.
  await asAdmin('DELETE', `/api/v1/webhooks/${fx.webhook.id}`);
  const suspended = await api(`/api/v1/users/${fx.systemAdmin.id}`, { method: 'PATCH', token: adminToken, json: { status: 'suspended' } });
  expect(suspended.status, suspended.text).toBe(200);
});

describe('access control, route by route', () => {
  it('has a row for every route handler under app/api/v1', () => {
    const covered = [...new Set(CASES.map((c) => `${c.method} ${c.route}`))].sort();
    expect(routeMethodsOnDisk()).toEqual(covered);
  });

  it('has a README rule for every case, and lib/access/matrix.ts agrees with each', () => {
    expect(Object.keys(README_RULES).sort()).toEqual([...new Set(CASES.map((c) => `${c.method} ${c.route}`))].sort());
    const disagreements = CASES.flatMap((c) =>
      CALLERS.filter((caller) => matrixSays(c.operation, caller, c.listing ?? false) !== readmeSays(c, caller)).map(
        (caller) => `${c.method} ${c.route} (${c.operation}) as ${caller}: the README says ${readmeSays(c, caller)}, lib/access/matrix.ts gives ${matrixSays(c.operation, caller, c.listing ?? false)}`,
      ),
    );
    expect(disagreements).toEqual([]);
  });

  it('serves each route with the endpoint the document lists for it, of the operation the table expects', async () => {
    const document = (await api('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string; 'x-gatehouse-operation': string }>> };
    for (const c of CASES) {
      if (c.operation === null) continue;
      const operation = document.paths[`/api/v1/${c.route.replace(/\[(\w+)\]/g, '{$1}')}`]?.[c.method.toLowerCase()];
      expect(operation?.['x-gatehouse-operation'], `${c.method} ${c.route} in the document`).toBe(c.operation);
      const source = readFileSync(path.join(process.cwd(), 'app', 'api', 'v1', ...c.route.split('/'), 'route.ts'), 'utf8');
      expect(source, `${c.method} ${c.route} passes its endpoint`).toContain(`V1_ENDPOINTS.${operation!.operationId}`);
    }
  });

  for (const c of CASES) {
    it(`${c.method} ${c.route} (${c.operation ?? 'no route'})`, async () => {
      for (const caller of CALLERS) {
        const expected = readmeSays(c, caller);
        // Sign-out revokes the token it is called with: give each caller a fresh one.
        const token = caller === 'anonymous' ? undefined : c.operation === 'auth.sign-out' ? await freshToken(caller) : fx.tokens[caller];
        const { path: url, json } = await c.request(caller);
        const response = await api(url, { method: c.method, token, json });
        const label = `${c.method} ${url} as ${caller}: ${response.status} ${response.text.slice(0, 200)}`;
        if (expected === '2xx') {
          expect(response.status, label).toBeGreaterThanOrEqual(200);
          expect(response.status, label).toBeLessThan(300);
          await c.undo?.(token!);
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

function callerEmail(caller: Exclude<Caller, 'anonymous'>): string {
  const name = { 'plain user': 'plain', 'admin of another tenant': 'admin-b', 'admin of the tenant': 'admin-a', 'system admin': 'sysadmin' }[caller];
  return `${tag}-${name}@example.com`;
}

async function freshToken(caller: Exclude<Caller, 'anonymous'>): Promise<string> {
  return signInForToken(callerEmail(caller), PASSWORD);
}

/** Signs the user in for a new token and gives its id, as their own sessions list shows it. */
async function newTokenId(email: string): Promise<string> {
  const token = await signInForToken(email, PASSWORD);
  const { sessions } = (await api('/api/v1/me/sessions', { token })).body as { sessions: Array<{ id: string; current: boolean }> };
  return sessions.find((session) => session.current)!.id;
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
