import { beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, type Operation } from '@/lib/access';
import { api, baseUrl, signInForToken } from '../support/api';
import { TEST_ADMIN } from '../support/server';
import { browserSession, callServerAction, FormFields, serverActionsInBuild, type ServerAction } from '../support/server-actions';

/**
 * Every server action in the build, called over HTTP as a browser would, by each kind of
 * caller, answers as the access matrix (lib/access.ts) says: anonymous callers are sent to
 * sign-in, callers below the operation's reach get 403, and another tenant's admin gets
 * nothing of the tenant's data. An action missing from the table fails the test.
 */

const CALLERS = ['anonymous', 'plain user', 'admin of another tenant', 'admin of the tenant', 'system admin'] as const;
type Caller = (typeof CALLERS)[number];
const PASSWORD = 'server action password 1';
const tag = `sa${Date.now().toString(36)}`;

type Fixture = { cookies: Record<Exclude<Caller, 'anonymous'>, string>; tenantA: { id: string }; member: { id: string }; resource: { id: string } };
let fx: Fixture;
let adminToken = '';
let serial = 0;

async function asAdmin(method: string, path: string, json?: unknown) {
  const response = await api(path, { method, token: adminToken, json });
  if (response.status >= 400) throw new Error(`${method} ${path} failed in setup: ${response.status} ${response.text}`);
  return response.body;
}

async function newMemberOfA(options: { pending?: boolean } = {}): Promise<string> {
  serial += 1;
  const json = { email: `${tag}-${serial}@example.com`, tenant: fx.tenantA.id, ...(options.pending ? { sendInvite: false } : { password: PASSWORD }) };
  return ((await asAdmin('POST', '/api/v1/users', json)) as { user: { id: string } }).user.id;
}

async function newResourceOfA(): Promise<string> {
  serial += 1;
  return ((await asAdmin('POST', '/api/v1/resources', { name: `${tag} resource ${serial}`, kind: 'report', tenantId: fx.tenantA.id })) as { id: string }).id;
}

/**
 * `guard`: the operation the action checks (its reach decides who may call it), 'signed-in'
 * for actions any signed-in user may call, or 'public'. `args` builds arguments naming tenant
 * A's objects, fresh ones where the action would use them up.
 */
type Case = { guard: Operation | 'signed-in' | 'public'; args: (caller: Caller) => unknown[] | Promise<unknown[]> };

const good = 'a fine new pass phrase 7';
const CASES: Record<string, Case> = {
  'app/(auth)/sign-in/actions.ts#signInAction': { guard: 'public', args: () => [{}, new FormFields({ identifier: `${tag}-nobody@example.com`, password: 'wrong password' })] },
  'app/(auth)/forgot-password/actions.ts#requestPasswordResetAction': { guard: 'public', args: () => [{ email: `${tag}-nobody@example.com` }] },
  'app/(auth)/reset-password/actions.ts#resetPasswordAction': { guard: 'public', args: () => [{ code: 'made-up', password: good, confirm: good }] },
  'app/(auth)/accept-invite/actions.ts#acceptInvitationAction': { guard: 'public', args: () => [{ code: 'made-up', password: good, confirm: good }] },
  'app/(auth)/confirm-sign-up/actions.ts#confirmSignUpAction': { guard: 'public', args: () => [{ code: 'made-up', password: good }] },
  'app/actions/sign-out.ts#signOutAction': { guard: 'public', args: () => [] },
  'app/(account)/account/actions.ts#changeOwnPasswordAction': { guard: 'signed-in', args: () => [{ oldPassword: 'not it', newPassword: good, confirm: good }] },
  'app/(admin)/users/new/actions.ts#createUserAction': {
    guard: 'users.create',
    args: () => {
      serial += 1;
      return [{ email: `${tag}-new-${serial}@example.com`, password: PASSWORD, tenant: fx.tenantA.id }];
    },
  },
  'app/(admin)/users/[id]/actions.ts#updateUserAction': { guard: 'users.update', args: () => [fx.member.id, 1, { department: 'Finance' }] },
  'app/(admin)/users/actions.ts#changeUsersStatusAction': { guard: 'users.update', args: async () => [[await newMemberOfA()], 'suspended'] },
  'app/(admin)/users/[id]/password-actions.ts#resendInvitationAction': { guard: 'users.invite', args: async () => [await newMemberOfA({ pending: true })] },
  'app/(admin)/users/[id]/password-actions.ts#sendResetLinkAction': { guard: 'users.set-password', args: () => [fx.member.id] },
  'app/(admin)/users/[id]/password-actions.ts#setPasswordAction': { guard: 'users.set-password', args: async () => [await newMemberOfA(), { password: good }] },
  'app/(admin)/users/deletion-actions.ts#startUserDeletionAction': { guard: 'users.delete', args: async () => [await newMemberOfA()] },
  'app/(admin)/users/deletion-actions.ts#startUsersDeletionAction': { guard: 'users.delete', args: async () => [[await newMemberOfA()]] },
  'app/(admin)/users/deletion-actions.ts#cancelDeletionAction': {
    guard: 'users.delete',
    args: async () => {
      const id = await newMemberOfA();
      return [id, ((await asAdmin('DELETE', `/api/v1/users/${id}`)) as { ticket: string }).ticket];
    },
  },
  'app/(admin)/settings/actions.ts#updatePasswordPolicyAction': { guard: 'settings.manage', args: () => [{ minLength: 12, requiredClasses: [] }] },
  'app/(admin)/tenants/actions.ts#createTenantAction': {
    guard: 'tenants.manage',
    args: () => {
      serial += 1;
      return [{ slug: `${tag}-t${serial}`, name: 'Made by the action test' }];
    },
  },
  'app/(admin)/tenants/actions.ts#renameTenantAction': { guard: 'tenants.manage', args: () => [fx.tenantA.id, { name: 'Tenant A' }] },
  'app/(admin)/tenants/actions.ts#deleteTenantAction': {
    guard: 'tenants.manage',
    args: async () => {
      serial += 1;
      return [((await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-d${serial}`, name: 'To delete' })) as { id: string }).id, true];
    },
  },
  'app/(admin)/tenants/actions.ts#assignMemberAction': { guard: 'tenant-members.manage', args: () => [fx.tenantA.id, fx.member.id, 'user'] },
  'app/(admin)/tenants/actions.ts#removeMemberAction': { guard: 'tenant-members.manage', args: async () => [fx.tenantA.id, await newMemberOfA()] },
  'app/(admin)/tenants/actions.ts#findMemberCandidatesAction': { guard: 'tenant-members.manage', args: () => [fx.tenantA.id, tag] },
  'app/(admin)/resources/actions.ts#createResourceAction': { guard: 'resources.manage', args: () => [{ name: `${tag} made`, kind: 'report', tenantId: fx.tenantA.id }] },
  'app/(admin)/resources/actions.ts#updateResourceAction': { guard: 'resources.manage', args: () => [fx.resource.id, { name: `${tag} ledger`, kind: 'workflow', tenantId: fx.tenantA.id }] },
  'app/(admin)/resources/actions.ts#deleteResourceAction': { guard: 'resources.manage', args: async () => [await newResourceOfA(), false] },
  'app/(admin)/resources/permission-actions.ts#saveResourcePermissionsAction': { guard: 'permissions.manage', args: () => [fx.resource.id, [{ key: fx.member.id, role: 'reader', expiresAt: null }]] },
  'app/(admin)/resources/permission-actions.ts#saveUserPermissionsAction': { guard: 'permissions.manage', args: () => [fx.member.id, [{ key: fx.resource.id, role: 'editor', expiresAt: null }]] },
  'app/(admin)/resources/permission-actions.ts#loadUserGridPageAction': { guard: 'permissions.read', args: () => [fx.member.id, { pattern: '', page: 1, heldOnly: false }] },
  'app/(admin)/resources/permission-actions.ts#findUsersToAddAction': { guard: 'permissions.manage', args: () => [fx.resource.id, tag] },
};

type Expected = 'sign-in' | 403 | 'refused without data' | 'allowed';

function expectedFor(guard: Case['guard'], caller: Caller): Expected {
  if (guard === 'public') return 'allowed';
  if (caller === 'anonymous') return 'sign-in';
  if (guard === 'signed-in' || caller === 'system admin') return 'allowed';
  const { reach } = OPERATIONS[guard];
  if (reach === 'public' || reach === 'user') return 'allowed';
  if (reach === 'admin' || caller === 'plain user') return 403;
  return caller === 'admin of the tenant' ? 'allowed' : 'refused without data';
}

let actions: ServerAction[] = [];

beforeAll(async () => {
  actions = serverActionsInBuild();
  adminToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  const tenantA = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-a`, name: 'Tenant A' })) as { id: string };
  const tenantB = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-b`, name: 'Tenant B' })) as { id: string };
  fx = { tenantA, member: { id: '' }, resource: { id: '' }, cookies: {} as Fixture['cookies'] };
  const makeUser = async (name: string, tenantId: string) =>
    ((await asAdmin('POST', '/api/v1/users', { email: `${tag}-${name}@example.com`, password: PASSWORD, tenant: tenantId })) as { user: { id: string } }).user.id;
  fx.member.id = await makeUser('member', tenantA.id);
  await makeUser('plain', tenantA.id);
  await asAdmin('PUT', `/api/v1/tenants/${tenantA.id}/users/${await makeUser('admin-a', tenantA.id)}`, { role: 'admin' });
  await asAdmin('PUT', `/api/v1/tenants/${tenantB.id}/users/${await makeUser('admin-b', tenantB.id)}`, { role: 'admin' });
  fx.resource.id = ((await asAdmin('POST', '/api/v1/resources', { name: `${tag} ledger`, kind: 'workflow', tenantId: tenantA.id })) as { id: string }).id;
  fx.cookies = {
    'plain user': await browserSession(baseUrl(), `${tag}-plain@example.com`, PASSWORD),
    'admin of another tenant': await browserSession(baseUrl(), `${tag}-admin-b@example.com`, PASSWORD),
    'admin of the tenant': await browserSession(baseUrl(), `${tag}-admin-a@example.com`, PASSWORD),
    'system admin': await browserSession(baseUrl(), TEST_ADMIN.email, TEST_ADMIN.password),
  };
});

describe('server actions, action by action', () => {
  it('has a row for every server action in the build', () => {
    expect(actions.map((action) => `${action.file}#${action.name}`).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const key of Object.keys(CASES)) {
    it(key, async () => {
      const action = actions.find((candidate) => `${candidate.file}#${candidate.name}` === key)!;
      for (const caller of CALLERS) {
        // Signing out ends the session it is called with: give each caller a fresh one.
        const cookie = caller === 'anonymous' ? undefined : key.endsWith('#signOutAction') ? await freshSession(caller) : fx.cookies[caller];
        const outcome = await callServerAction(baseUrl(), action, await CASES[key].args(caller), cookie);
        const expected = expectedFor(CASES[key].guard, caller);
        const label = `${key} as ${caller}: ${outcome.status} ${outcome.redirectedTo ?? ''} ${outcome.body.slice(0, 300)}`;
        // The guard's bounce to sign-in names the way back; sign-out's plain /sign-in is its job, not a refusal.
        if (expected === 'sign-in') {
          expect(outcome.redirectedTo, label).toMatch(/^\/sign-in\?callbackUrl=/);
        } else if (expected === 403) {
          expect(outcome.status, label).toBe(403);
        } else {
          expect(outcome.status, label).toBeLessThan(500);
          expect(outcome.status, label).not.toBe(403);
          expect(outcome.redirectedTo ?? '', label).not.toMatch(/^\/sign-in\?callbackUrl=/);
        }
        if (expected === 'refused without data') {
          for (const secret of [`${tag}-member@example.com`, `${tag} ledger`, 'Tenant A']) expect(outcome.body, label).not.toContain(secret);
        }
      }
    });
  }
});

async function freshSession(caller: Exclude<Caller, 'anonymous'>): Promise<string> {
  if (caller === 'system admin') return browserSession(baseUrl(), TEST_ADMIN.email, TEST_ADMIN.password);
  const name = { 'plain user': 'plain', 'admin of another tenant': 'admin-b', 'admin of the tenant': 'admin-a' }[caller];
  return browserSession(baseUrl(), `${tag}-${name}@example.com`, PASSWORD);
}
