import { beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, signInForToken } from '../support/api';
import { TEST_ADMIN } from '../support/server';
import { browserSession, callServerAction, serverActionsInBuild, type ServerAction } from '../support/server-actions';

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

async function asAdmin(method: string, path: string, json?: unknown) {
  const response = await api(path, { method, token: adminToken, json });
  if (response.status >= 400) throw new Error(`${method} ${path} failed in setup: ${response.status} ${response.text}`);
  return response.body;
}

async function newUser(options: { pending?: boolean } = {}): Promise<{ id: string; email: string }> {
  serial += 1;
  const email = `${tag}-${serial}@example.com`;
  const body = await asAdmin('POST', '/api/v1/users', { email, ...(options.pending ? { sendInvite: false } : { password: PASSWORD }) });
  return { id: body.user.id as string, email };
}

async function newTenant(name: string) {
  const body = await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-${name}`, name: `${tag} ${name}` });
  return { id: body.id as string, slug: body.slug as string };
}

/** X: a plain user of acme who administers globex, the tenant the attacker does not. */
async function sharedMember(options: { pending?: boolean; globexRole?: 'admin' | 'user' } = {}) {
  const user = await newUser(options);
  await asAdmin('PUT', `/api/v1/tenants/${acme.id}/users/${user.id}`, { role: 'user' });
  await asAdmin('PUT', `/api/v1/tenants/${globex.id}/users/${user.id}`, { role: options.globexRole ?? 'admin' });
  return user;
}

async function readAsAdmin(id: string) {
  const response = await api(`/api/v1/users/${id}`, { token: adminToken });
  expect(response.status).toBe(200);
  return response.body;
}

function expectRefusedBecauseOfOtherTenant(response: { status: number; headers: Headers; body: Record<string, any> }) {
  expect(response.status).toBe(403);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body.detail).toMatch(/tenant you do not administer/);
}

beforeAll(async () => {
  adminToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  acme = await newTenant('acme');
  globex = await newTenant('globex');
  const attacker = await newUser();
  await asAdmin('PUT', `/api/v1/tenants/${acme.id}/users/${attacker.id}`, { role: 'admin' });
  attackerToken = await signInForToken(attacker.email, PASSWORD);
  attackerCookie = await browserSession(baseUrl(), attacker.email, PASSWORD);
});

describe('a tenant admin and a user who also belongs to a tenant they do not administer', () => {
  it('can still read the user', async () => {
    const x = await sharedMember();
    const response = await api(`/api/v1/users/${x.id}`, { token: attackerToken });
    expect(response.status).toBe(200);
    expect(response.body.email).toBe(x.email);
  });

  it.each([
    ['email', { email: 'attacker@evil.example' }],
    ['username', { username: `${tag}-taken-over` }],
    ['status: suspended', { status: 'suspended' }],
    ['status: locked', { status: 'locked' }],
    ['names', { firstName: 'Mallory' }],
    ['scopes', { scope: ['user', 'admin'] }],
  ])('cannot change %s through PATCH /users/:id, and nothing changes', async (_name, patch) => {
    const x = await sharedMember();
    const before = await readAsAdmin(x.id);
    const response = await api(`/api/v1/users/${x.id}`, { method: 'PATCH', token: attackerToken, json: patch });
    if ('scope' in patch) expect(response.status).toBe(403);
    else expectRefusedBecauseOfOtherTenant(response);
    const after = await readAsAdmin(x.id);
    expect(after).toEqual(before);
  });

  it('cannot take over X even when X is only a plain user in the other tenant', async () => {
    const x = await sharedMember({ globexRole: 'user' });
    expectRefusedBecauseOfOtherTenant(await api(`/api/v1/users/${x.id}`, { method: 'PATCH', token: attackerToken, json: { email: `${tag}-moved@evil.example` } }));
    expect((await readAsAdmin(x.id)).email).toBe(x.email);
  });

  it('cannot set the password, mail a reset link, resend an invitation or delete the user', async () => {
    const x = await sharedMember();
    const setPassword = await api(`/api/v1/users/${x.id}/password`, { method: 'POST', token: attackerToken, json: { password: 'attacker chosen password 9' } });
    expect(setPassword.status).toBe(403);
    const resetMail = await api(`/api/v1/users/${x.id}/password`, { method: 'POST', token: attackerToken, json: { sendEmail: true } });
    expect(resetMail.status).toBe(403);
    const deletion = await api(`/api/v1/users/${x.id}`, { method: 'DELETE', token: attackerToken });
    expect(deletion.status).toBe(403);
    const pending = await sharedMember({ pending: true });
    expectRefusedBecauseOfOtherTenant(await api(`/api/v1/users/${pending.id}/invitation`, { method: 'POST', token: attackerToken }));
    // X still signs in with their own password, and is still active.
    expect((await api('/api/v1/auth/token', { method: 'POST', json: { email: x.email, password: PASSWORD } })).status).toBe(200);
    expect((await readAsAdmin(x.id)).status).toBe('active');
  });

  it('may still change the membership in their own tenant', async () => {
    const x = await sharedMember();
    const response = await api(`/api/v1/tenants/${acme.id}/users/${x.id}`, { method: 'PUT', token: attackerToken, json: { role: 'admin' } });
    expect(response.status).toBe(200);
  });
});

describe('a tenant admin and a user wholly within their tenants', () => {
  it('may change the email and status', async () => {
    const y = await newUser();
    await asAdmin('PUT', `/api/v1/tenants/${acme.id}/users/${y.id}`, { role: 'user' });
    const email = `${tag}-renamed-${serial}@example.com`;
    const patched = await api(`/api/v1/users/${y.id}`, { method: 'PATCH', token: attackerToken, json: { email, status: 'suspended' } });
    expect(patched.status).toBe(200);
    expect(patched.body.email).toBe(email);
    expect(patched.body.status).toBe('suspended');
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
    expect((await api('/api/v1/auth/token', { method: 'POST', json: { email: x.email, password: PASSWORD } })).status).toBe(200);
  });
});
