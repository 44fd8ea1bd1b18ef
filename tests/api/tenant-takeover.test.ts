import { beforeAll, describe, expect, it } from 'vitest';
import type { operations } from '@/lib/openapi/api-types';
import { baseUrl, signInForToken } from '../support/api';
import { TEST_ADMIN } from '../support/server';
import { browserSession, callServerAction, serverActionsInBuild, type ServerAction } from '../support/server-actions';
import { gatehouse } from '../support/typed-client';

/**
 * Issue 12, defect 1: a tenant admin must not take over a user who also belongs to a tenant
 * they do not administer (by changing the email and resetting the password, by suspending,
 * and so on). They still read the user; every change to the account is a 403 naming why,
 * through the API and through the pages' server actions, and nothing changes.
 */

const PASSWORD = 'tenant takeover password 1';
const tag = `tko${Date.now().toString(36)}`;
let adminToken = '';
let attackerToken = '';
let attackerCookie = '';
let acme = { id: '', slug: '' };
let globex = { id: '', slug: '' };
let serial = 0;

const admin = () => gatehouse({ token: adminToken });
const attacker = () => gatehouse({ token: attackerToken });
const userPath = (id: string) => ({ params: { path: { id } } });
const memberPath = (tenant: string, userId: string) => ({ params: { path: { tenant, userId } } });
type UserPatch = operations['updateUser']['requestBody']['content']['application/json'];

/** A setup call's data; throws unless it succeeded. */
function setup<T>({ data, error, response }: { data?: T; error?: unknown; response: Response }): T {
  if (!response.ok) throw new Error(`${response.url} failed in setup: ${response.status} ${JSON.stringify(error)}`);
  return data as T;
}

async function newUser(options: { pending?: boolean } = {}): Promise<{ id: string; email: string }> {
  serial += 1;
  const email = `${tag}-${serial}@example.com`;
  const created = setup(await admin().POST('/api/v1/users', { body: { email, ...(options.pending ? { sendInvite: false } : { password: PASSWORD }) } }));
  // An admin's create answers 201 with the user; 202 is an anonymous sign-up's answer.
  if (!('user' in created)) throw new Error(`Expected the created user: ${JSON.stringify(created)}`);
  return { id: created.user.id, email };
}

async function newTenant(name: string) {
  const { id, slug } = setup(await admin().POST('/api/v1/tenants', { body: { slug: `${tag}-${name}`, name: `${tag} ${name}` } }));
  return { id, slug };
}

const addMember = async (tenant: string, userId: string, role: 'admin' | 'user') => setup(await admin().PUT('/api/v1/tenants/{tenant}/users/{userId}', { ...memberPath(tenant, userId), body: { role } }));

/** X: a plain user of acme who administers globex, the tenant the attacker does not. */
async function sharedMember(options: { pending?: boolean; globexRole?: 'admin' | 'user' } = {}) {
  const user = await newUser(options);
  await addMember(acme.id, user.id, 'user');
  await addMember(globex.id, user.id, options.globexRole ?? 'admin');
  return user;
}

async function readAsAdmin(id: string) {
  const { data, response } = await admin().GET('/api/v1/users/{id}', userPath(id));
  expect(response.status).toBe(200);
  return data!;
}

function expectRefusedBecauseOfOtherTenant({ error, response }: { error?: { detail?: string }; response: Response }) {
  expect(response.status).toBe(403);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(error!.detail).toMatch(/tenant you do not administer/);
}

const signsIn = async (email: string) => (await gatehouse().POST('/api/v1/auth/token', { body: { email, password: PASSWORD } })).response.status;

beforeAll(async () => {
  adminToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  acme = await newTenant('acme');
  globex = await newTenant('globex');
  const attackerUser = await newUser();
  await addMember(acme.id, attackerUser.id, 'admin');
  attackerToken = await signInForToken(attackerUser.email, PASSWORD);
  attackerCookie = await browserSession(baseUrl(), attackerUser.email, PASSWORD);
});

describe('a tenant admin and a user who also belongs to a tenant they do not administer', () => {
  it('can still read the user', async () => {
    const x = await sharedMember();
    const { data, response } = await attacker().GET('/api/v1/users/{id}', userPath(x.id));
    expect(response.status).toBe(200);
    expect(data!.email).toBe(x.email);
  });

  it.each<[string, UserPatch]>([
    ['email', { email: 'attacker@evil.example' }],
    ['username', { username: `${tag}-taken-over` }],
    ['status: suspended', { status: 'suspended' }],
    ['status: locked', { status: 'locked' }],
    ['names', { firstName: 'Mallory' }],
    ['scopes', { scope: ['user', 'admin'] }],
  ])('cannot change %s through PATCH /users/:id, and nothing changes', async (_name, patch) => {
    const x = await sharedMember();
    const before = await readAsAdmin(x.id);
    const response = await attacker().PATCH('/api/v1/users/{id}', { ...userPath(x.id), body: patch });
    if ('scope' in patch) expect(response.response.status).toBe(403);
    else expectRefusedBecauseOfOtherTenant(response);
    const after = await readAsAdmin(x.id);
    expect(after).toEqual(before);
  });

  it('cannot take over X even when X is only a plain user in the other tenant', async () => {
    const x = await sharedMember({ globexRole: 'user' });
    expectRefusedBecauseOfOtherTenant(await attacker().PATCH('/api/v1/users/{id}', { ...userPath(x.id), body: { email: `${tag}-moved@evil.example` } }));
    expect((await readAsAdmin(x.id)).email).toBe(x.email);
  });

  it('cannot set the password, mail a reset link, resend an invitation or delete the user', async () => {
    const x = await sharedMember();
    const setPassword = await attacker().POST('/api/v1/users/{id}/password', { ...userPath(x.id), body: { password: 'attacker chosen password 9' } });
    expect(setPassword.response.status).toBe(403);
    const resetMail = await attacker().POST('/api/v1/users/{id}/password', { ...userPath(x.id), body: { sendEmail: true } });
    expect(resetMail.response.status).toBe(403);
    const deletion = await attacker().DELETE('/api/v1/users/{id}', userPath(x.id));
    expect(deletion.response.status).toBe(403);
    const pending = await sharedMember({ pending: true });
    expectRefusedBecauseOfOtherTenant(await attacker().POST('/api/v1/users/{id}/invitation', userPath(pending.id)));
    // X still signs in with their own password, and is still active.
    expect(await signsIn(x.email)).toBe(200);
    expect((await readAsAdmin(x.id)).status).toBe('active');
  });

  it('may still change the membership in their own tenant', async () => {
    const x = await sharedMember();
    const { response } = await attacker().PUT('/api/v1/tenants/{tenant}/users/{userId}', { ...memberPath(acme.id, x.id), body: { role: 'admin' } });
    expect(response.status).toBe(200);
  });
});

describe('a tenant admin and a user wholly within their tenants', () => {
  it('may change the email and status', async () => {
    const y = await newUser();
    await addMember(acme.id, y.id, 'user');
    const email = `${tag}-renamed-${serial}@example.com`;
    const patched = await attacker().PATCH('/api/v1/users/{id}', { ...userPath(y.id), body: { email, status: 'suspended' } });
    expect(patched.response.status).toBe(200);
    expect(patched.data!.email).toBe(email);
    expect(patched.data!.status).toBe('suspended');
  });
});

describe('the same refusals through the pages’ server actions', () => {
  let actions: ServerAction[] = [];
  const action = (file: string, name: string) => {
    const found = actions.find((candidate) => candidate.file === file && candidate.name === name);
    if (!found) throw new Error(`No server action ${file}#${name} in the build`);
    return found;
  };

  beforeAll(() => {
    actions = serverActionsInBuild();
  });

  it('the edit form is refused, and nothing changes', async () => {
    const x = await sharedMember();
    const before = await readAsAdmin(x.id);
    const outcome = await callServerAction(baseUrl(), action('lib/actions/update-user.ts', 'updateUserAction'), [x.id, before.version, { email: 'attacker@evil.example' }], attackerCookie);
    // A refusal in a form action answers with the 403 page, as the forms' failure rule says.
    expect(outcome.status).toBe(403);
    expect(outcome.body).not.toContain(x.email);
    expect(await readAsAdmin(x.id)).toEqual(before);
  });

  it('bulk suspend refuses the shared member, and they stay active', async () => {
    const x = await sharedMember();
    const outcome = await callServerAction(baseUrl(), action('lib/actions/user-status.ts', 'changeUsersStatusAction'), [[x.id], 'suspended'], attackerCookie);
    expect(outcome.status).toBe(200);
    expect(outcome.body).toContain('tenant you do not administer');
    expect((await readAsAdmin(x.id)).status).toBe('active');
  });

  it('resending an invitation refuses', async () => {
    const pending = await sharedMember({ pending: true });
    const outcome = await callServerAction(baseUrl(), action('lib/actions/user-passwords.ts', 'resendInvitationAction'), [pending.id], attackerCookie);
    expect(outcome.status).toBe(403);
    expect(outcome.body).not.toContain(pending.email);
  });

  it.each([
    ['lib/actions/user-passwords.ts', 'setPasswordAction', (id: string) => [id, { password: 'attacker chosen password 9' }]],
    ['lib/actions/user-passwords.ts', 'sendResetLinkAction', (id: string) => [id]],
    ['lib/actions/deletions.ts', 'startUserDeletionAction', (id: string) => [id]],
  ])('%s#%s is forbidden to a tenant admin', async (file, name, args) => {
    const x = await sharedMember();
    const outcome = await callServerAction(baseUrl(), action(file, name), args(x.id), attackerCookie);
    expect(outcome.status).toBe(403);
    const after = await readAsAdmin(x.id);
    expect(after.status).toBe('active');
    expect(await signsIn(x.email)).toBe(200);
  });
});
