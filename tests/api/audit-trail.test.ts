import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, type ApiInit } from '../support/api';
import { auditTrail, type AuditEventRow } from '../support/audit';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { gatehouse } from '../support/typed-client';

/**
 * The writers of the audit trail: every kind of change, made through /api/v1 and through a
 * vendor mount, leaves one event naming who (and with which credential), what, the fields that
 * changed, from where and in which request; a refused change leaves none; no secret is ever in
 * it. Events are read from the database (the read API is tested on its own). A server of its
 * own: it mails (reset and invitation codes) and trusts X-Forwarded-For, so every call comes
 * from an address of its own and no throttle spills over into other files.
 */

const RUN = `aw${Date.now().toString(36)}`;
const PASSWORD = 'audit writers pass phrase';
const UA = 'audit-writers-test/1.0';

let sink: SmtpSink;
let server: RunningServer;
let trail: ReturnType<typeof auditTrail>;
let admin = '';
let adminId = '';
/** Every password sent, token and access key handed out, and code mailed: none may appear in the trail. */
const secrets = new Set<string>([PASSWORD, TEST_ADMIN.password]);

let serial = 0;
const next = () => (serial += 1);
const newAddress = () => `203.0.113.${(next() % 250) + 1}`;
const requestId = (label: string) => `${RUN}-${label}-${next()}`;
const emailOf = (label: string) => `${label}.${RUN}@example.com`;

/** The typed client from an address of its own, with our user agent and, when given, a request id. */
const client = (token?: string, id?: string) => gatehouse({ url: server.url, token, headers: { 'x-forwarded-for': newAddress(), 'user-agent': UA, ...(id ? { 'x-request-id': id } : {}) } });
/** An untyped call (the vendor mounts' raw headers), likewise. */
const call = (path: string, init: ApiInit = {}) => apiAt(server.url, path, { ...init, headers: { 'x-forwarded-for': newAddress(), 'user-agent': UA, ...init.headers } });

const userPath = (id: string) => ({ params: { path: { id } } });

function ok<T>({ data, error, response }: { data?: T; error?: unknown; response: Response }): T {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${JSON.stringify(error)}`);
  return data as T;
}

async function signIn(email: string, password: string, id?: string): Promise<string> {
  const token = ok(await client(undefined, id).POST('/api/v1/auth/token', { body: { email, password } })).token;
  secrets.add(token);
  return token;
}

async function newUser(label: string, extra: { password?: string; scope?: string[]; tenant?: string } = { password: PASSWORD }): Promise<{ id: string; email: string }> {
  const email = emailOf(`${label}${next()}`);
  const created = ok(await client(admin).POST('/api/v1/users', { body: { email, firstName: label, ...extra } }));
  if (!('user' in created)) throw new Error(`Expected the created user: ${JSON.stringify(created)}`);
  return { id: created.user.id, email };
}

/** The one event of `action` the request `id` recorded. */
async function eventOf(mark: number, action: string, id: string): Promise<AuditEventRow> {
  const events = (await trail.since(mark)).filter((event) => event.action === action && event.requestId === id);
  expect(events, `one ${action} event in request ${id}`).toHaveLength(1);
  return events[0];
}

/** Who, from where, in which request: the same for every event a test call records. */
function expectOrigin(event: AuditEventRow, id: string) {
  expect(event.ip).toMatch(/^203\.0\.113\.\d+$/);
  expect(event.userAgent).toBe(UA);
  expect(event.requestId).toBe(id);
}

/** A refused change: nothing at all was recorded while it ran. */
async function expectNoEventFrom(change: () => Promise<{ response: Response } | { status: number }>, status: number) {
  const mark = await trail.mark();
  const answer = await change();
  expect('response' in answer ? answer.response.status : answer.status).toBe(status);
  expect(await trail.since(mark)).toEqual([]);
}

async function waitFor<T>(find: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const codeIn = async (to: string, subject: RegExp, path: string, mark: number) => {
  const mail = await sink.waitForMail((m) => sink.mails.indexOf(m) >= mark && m.to.includes(to) && subject.test(m.subject));
  const code = linkIn(mail, path).searchParams.get('code')!;
  secrets.add(code);
  return code;
};

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({ env: { SMTP_URL: sink.url, TRUST_PROXY: 'true', MAIL_RETRY_SECONDS: '1' } });
  // lib/ and the schema on this file's server's database: before anything else touches them.
  process.env.DATABASE_URL = server.databaseUrl;
  const [{ appDatabase }, schema] = await Promise.all([import('../support/test-database'), import('@/db/schema')]);
  trail = auditTrail({ ...appDatabase(), schema });
  admin = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
  adminId = ok(await client(admin).GET('/api/v1/me')).id;
});

afterAll(async () => {
  await server?.stop();
  await sink?.stop();
});

describe('users', () => {
  it('records a creation with its fields, who made it with which credential, from where and in which request; never the password', async () => {
    const mark = await trail.mark();
    const id = requestId('create');
    const email = emailOf('created');
    const created = ok(await client(admin, id).POST('/api/v1/users', { body: { email, password: PASSWORD, firstName: 'Cleo', scope: ['user', 'acme'], metadata: { team: 'red' } } }));
    if (!('user' in created)) throw new Error('Expected the created user');
    const event = await eventOf(mark, 'user.created', id);
    expect(event).toMatchObject({ actorKind: 'token', actor: adminId, targetKind: 'user', target: created.user.id, before: null, tenantId: null });
    expect(event.after).toMatchObject({ email, username: email, firstName: 'Cleo', status: 'active', role: 'Subscriber', scope: ['acme', 'user'], metadata: { team: 'red' } });
    expect(Object.keys(event.after!)).not.toContain('passwordHash');
    expectOrigin(event, id);
  });

  it('records an edit as the changed fields only (email, role, scopes as a list, metadata), and a status change as its own event', async () => {
    const user = await newUser('edited', { password: PASSWORD, scope: ['user'] });
    const mark = await trail.mark();
    const id = requestId('edit');
    const newEmail = emailOf(`renamed${next()}`);
    ok(await client(admin, id).PATCH('/api/v1/users/{id}', { ...userPath(user.id), body: { email: newEmail, firstName: 'edited', role: 'Designer', scope: ['user', 'beta'], metadata: { plan: 'b' } } }));
    const edit = await eventOf(mark, 'user.updated', id);
    expect(edit).toMatchObject({ actorKind: 'token', actor: adminId, target: user.id });
    expect(edit.before).toEqual({ email: user.email, role: 'Subscriber', scope: ['user'], metadata: {} });
    expect(edit.after).toEqual({ email: newEmail, role: 'Designer', scope: ['beta', 'user'], metadata: { plan: 'b' } });
    expectOrigin(edit, id);

    const suspendId = requestId('suspend');
    ok(await client(admin, suspendId).PATCH('/api/v1/users/{id}', { ...userPath(user.id), body: { status: 'suspended' } }));
    const suspended = await eventOf(mark, 'user.suspended', suspendId);
    expect(suspended).toMatchObject({ actor: adminId, target: user.id, before: { status: 'active' }, after: { status: 'suspended' } });
    // The status alone changed: no user.updated beside it.
    expect((await trail.since(mark)).filter((event) => event.requestId === suspendId)).toHaveLength(1);

    const reactivateId = requestId('reactivate');
    ok(await client(admin, reactivateId).PATCH('/api/v1/users/{id}', { ...userPath(user.id), body: { status: 'active' } }));
    expect(await eventOf(mark, 'user.reactivated', reactivateId)).toMatchObject({ target: user.id, before: { status: 'suspended' }, after: { status: 'active' } });

    // Saving what is already there changes nothing and records nothing.
    await expectNoEventFrom(() => client(admin).PATCH('/api/v1/users/{id}', { ...userPath(user.id), body: { role: 'Designer' } }), 200);
  });

  it('records nothing for a refused change: invalid input, a taken email, a caller without the right', async () => {
    const user = await newUser('refused');
    const other = await newUser('bystander');
    const userToken = await signIn(user.email, PASSWORD);
    await expectNoEventFrom(() => call(`/api/v1/users/${user.id}`, { method: 'PATCH', token: admin, json: { email: 'not an email' } }), 422);
    await expectNoEventFrom(() => client(admin).POST('/api/v1/users', { body: { email: other.email, password: PASSWORD } }), 409);
    await expectNoEventFrom(() => client(admin).PATCH('/api/v1/users/{id}', { ...userPath(user.id), body: { email: other.email } }), 409);
    await expectNoEventFrom(() => client(userToken).PATCH('/api/v1/users/{id}', { ...userPath(other.id), body: { firstName: 'Mallory' } }), 403);
  });

  it('rolls an event back with its change: a change that fails after recording leaves neither', async () => {
    const user = await newUser('rolledback');
    const mark = await trail.mark();
    const [{ transaction }, { updateUser }] = await Promise.all([import('@/db/client'), import('@/lib/users/users')]);
    const failing = transaction(async () => {
      await updateUser(user.id, { firstName: 'Never' });
      throw new Error('the rest of the change failed');
    });
    await expect(failing).rejects.toThrow('the rest of the change failed');
    expect(await trail.since(mark)).toEqual([]);
    expect(ok(await client(admin).GET('/api/v1/users/{id}', userPath(user.id))).firstName).toBe('rolledback');
  });

  it('names the access key as the credential when a change is made with one', async () => {
    const user = await newUser('by-key');
    const mark = await trail.mark();
    const key = ok(await client(admin).GET('/api/v1/me/access-key')).accessKey;
    secrets.add(key);
    const id = requestId('key-edit');
    ok(await client(key, id).PATCH('/api/v1/users/{id}', { ...userPath(user.id), body: { lastName: 'Keyed' } }));
    expect(await eventOf(mark, 'user.updated', id)).toMatchObject({ actorKind: 'access-key', actor: adminId, before: { lastName: null }, after: { lastName: 'Keyed' } });
  });

  it('records a deletion requested by the admin and finished by the deletion job, the finish naming the user', async () => {
    const user = await newUser('deleted');
    const mark = await trail.mark();
    const id = requestId('delete');
    const { ticket } = ok(await client(admin, id).DELETE('/api/v1/users/{id}', userPath(user.id)));
    expect(await eventOf(mark, 'user.deletion.requested', id)).toMatchObject({ actorKind: 'token', actor: adminId, target: user.id, after: { ticket } });
    const finished = await waitFor(() => trail.last('user.deletion.completed', user.id), 'the deletion to finish');
    expect(finished).toMatchObject({ actorKind: 'system', actor: 'deletion-job', targetKind: 'user', target: user.id, after: { ticket }, ip: null, requestId: null });
  });
});

describe('passwords and invitations', () => {
  it('records a password set by an admin, changed by its owner, reset by mail and by a mailed code, only as "changed"', async () => {
    const user = await newUser('passwords');
    const mark = await trail.mark();
    const setId = requestId('set-password');
    const adminChosen = `${PASSWORD} by the admin`;
    secrets.add(adminChosen);
    ok(await client(admin, setId).POST('/api/v1/users/{id}/password', { ...userPath(user.id), body: { password: adminChosen } }));
    const set = await eventOf(mark, 'user.password.set-by-admin', setId);
    expect(set).toMatchObject({ actorKind: 'token', actor: adminId, target: user.id, before: { passwordHash: 'changed' }, after: { passwordHash: 'changed' } });

    const own = await signIn(user.email, adminChosen);
    const ownChosen = `${PASSWORD} of my own`;
    secrets.add(ownChosen);
    const changeId = requestId('change-password');
    ok(await client(own, changeId).POST('/api/v1/me/password', { body: { oldPassword: adminChosen, newPassword: ownChosen } }));
    expect(await eventOf(mark, 'user.password.changed', changeId)).toMatchObject({ actorKind: 'token', actor: user.id, target: user.id, after: { passwordHash: 'changed' } });

    const mailMark = sink.mails.length;
    const mailId = requestId('reset-mail');
    ok(await client(admin, mailId).POST('/api/v1/users/{id}/password', { ...userPath(user.id), body: { sendEmail: true } }));
    expect(await eventOf(mark, 'user.password.reset-link-sent', mailId)).toMatchObject({ actor: adminId, target: user.id });
    const code = await codeIn(user.email, /Reset your/, '/reset-password', mailMark);
    const resetChosen = `${PASSWORD} after a reset`;
    secrets.add(resetChosen);
    const resetId = requestId('reset');
    ok(await client(undefined, resetId).POST('/api/v1/password/reset', { body: { code, password: resetChosen } }));
    const reset = await eventOf(mark, 'user.password.reset', resetId);
    expect(reset).toMatchObject({ actorKind: 'user', actor: user.id, target: user.id, after: { passwordHash: 'changed' } });
    expectOrigin(reset, resetId);

    // Asked for anonymously: the request is handled after the answer, still as that request.
    const forgotId = requestId('forgot');
    expect((await client(undefined, forgotId).POST('/api/v1/password/forgot', { body: { email: user.email } })).response.status).toBe(202);
    const requested = await waitFor(async () => (await trail.since(mark)).find((event) => event.action === 'user.password.reset-requested' && event.requestId === forgotId), 'the forgot-password request');
    expect(requested).toMatchObject({ actorKind: null, actor: null, target: user.id, userAgent: UA });

    // A password the policy refuses changes nothing.
    await expectNoEventFrom(() => client(admin).POST('/api/v1/users/{id}/password', { ...userPath(user.id), body: { password: 'short' } }), 422);
  });

  it('records an invitation sent with the new user and accepted, the user turning active', async () => {
    const mailMark = sink.mails.length;
    const mark = await trail.mark();
    const createId = requestId('invite');
    const email = emailOf(`invitee${next()}`);
    const created = ok(await client(admin, createId).POST('/api/v1/users', { body: { email, firstName: 'Ines' } }));
    if (!('user' in created)) throw new Error('Expected the created user');
    const userId = created.user.id;
    expect((await eventOf(mark, 'user.created', createId)).after).toMatchObject({ status: 'pending' });
    expect(await eventOf(mark, 'user.invitation.sent', createId)).toMatchObject({ actor: adminId, target: userId });

    const code = await codeIn(email, /invit/i, '/accept-invite', mailMark);
    const acceptId = requestId('accept');
    ok(await client(undefined, acceptId).POST('/api/v1/invitations/accept', { body: { code, password: PASSWORD } }));
    const accepted = await eventOf(mark, 'user.invitation.accepted', acceptId);
    expect(accepted).toMatchObject({ actorKind: 'user', actor: userId, target: userId });
    expect(accepted.before).toEqual({ passwordHash: 'changed', status: 'pending' });
    expect(accepted.after).toEqual({ passwordHash: 'changed', status: 'active' });
  });
});

describe('sign-in and tokens', () => {
  it('records a sign-in with the token it issued, and the token revoked at sign-out; never the token', async () => {
    const user = await newUser('signs-in');
    const mark = await trail.mark();
    const id = requestId('sign-in');
    const token = await signIn(user.email, PASSWORD, id);
    const signedIn = await eventOf(mark, 'sign-in.succeeded', id);
    expect(signedIn).toMatchObject({ actorKind: 'user', actor: user.id, target: user.id });
    expectOrigin(signedIn, id);
    const issued = await eventOf(mark, 'token.issued', id);
    expect(issued).toMatchObject({ actorKind: 'user', actor: user.id, targetKind: 'token', after: { userId: user.id } });

    const outId = requestId('sign-out');
    expect((await client(token, outId).DELETE('/api/v1/auth/token')).response.status).toBe(204);
    const revoked = await eventOf(mark, 'token.revoked', outId);
    expect(revoked).toMatchObject({ actorKind: 'token', actor: user.id, target: issued.target, before: { revokedAt: null } });
    expect(revoked.after!.revokedAt).toEqual(expect.any(String));
  });

  it('records failed sign-ins without an actor, naming the account only when the name is one, then the throttling', async () => {
    const user = await newUser('guessed');
    const mark = await trail.mark();
    const wrongId = requestId('wrong');
    const wrongPassword = `not ${PASSWORD}`;
    secrets.add(wrongPassword);
    expect((await client(undefined, wrongId).POST('/api/v1/auth/token', { body: { email: user.email, password: wrongPassword } })).response.status).toBe(401);
    const failed = await eventOf(mark, 'sign-in.failed', wrongId);
    expect(failed).toMatchObject({ actorKind: null, actor: null, target: user.id, after: { reason: 'wrong-password' } });
    expectOrigin(failed, wrongId);

    const unknownId = requestId('unknown');
    const typedName = `typed-name-${RUN}`;
    expect((await client(undefined, unknownId).POST('/api/v1/auth/token', { body: { username: typedName, password: wrongPassword } })).response.status).toBe(401);
    expect(await eventOf(mark, 'sign-in.failed', unknownId)).toMatchObject({ actor: null, target: null, after: { reason: 'unknown-name' } });
    expect(await trail.asText()).not.toContain(typedName);

    // Five failures on the account (each from another address) block it: the fifth records the block beginning.
    for (let attempt = 0; attempt < 3; attempt++) await client().POST('/api/v1/auth/token', { body: { email: user.email, password: wrongPassword } });
    const blockingId = requestId('blocking');
    expect((await client(undefined, blockingId).POST('/api/v1/auth/token', { body: { email: user.email, password: wrongPassword } })).response.status).toBe(401);
    expect(await eventOf(mark, 'sign-in.throttled', blockingId)).toMatchObject({ actor: null, target: user.id, after: { retryAfterSeconds: expect.any(Number) } });
    // Attempts the block turns away record nothing more: a flood of guesses is not a flood of events.
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await client(undefined, requestId('throttled')).POST('/api/v1/auth/token', { body: { email: user.email, password: PASSWORD } })).response.status).toBe(429);
    }
    const about = await trail.about(user.id, mark);
    expect(about.filter((event) => event.action === 'sign-in.failed')).toHaveLength(5);
    expect(about.filter((event) => event.action === 'sign-in.throttled')).toHaveLength(1);
  });

  it('records access keys issued and rotated by their ids, never the key', async () => {
    const user = await newUser('keyholder');
    const mark = await trail.mark();
    const showId = requestId('show-key');
    secrets.add(ok(await client(admin, showId).GET('/api/v1/users/{id}/access-key', userPath(user.id))).accessKey);
    const issued = await eventOf(mark, 'access-key.issued', showId);
    expect(issued).toMatchObject({ actorKind: 'token', actor: adminId, target: user.id, after: { keyId: expect.stringMatching(/^key_/) } });
    expect(await eventOf(mark, 'access-key.shown', showId)).toMatchObject({ target: user.id });

    const rotateId = requestId('rotate-key');
    secrets.add(ok(await client(admin, rotateId).POST('/api/v1/users/{id}/access-key/rotate', userPath(user.id))).accessKey);
    const rotated = await eventOf(mark, 'access-key.rotated', rotateId);
    expect(rotated).toMatchObject({ actor: adminId, target: user.id, before: { keyId: issued.after!.keyId }, after: { keyId: expect.stringMatching(/^key_/) } });
    expect(rotated.after!.keyId).not.toBe(issued.after!.keyId);
  });
});

describe('tenants, resources and permissions', () => {
  it('records tenants and memberships with the tenant, and a member role change as old and new role', async () => {
    const mark = await trail.mark();
    const createId = requestId('tenant');
    const tenant = ok(await client(admin, createId).POST('/api/v1/tenants', { body: { slug: `${RUN}-t`, name: 'Audit Co' } }));
    expect(await eventOf(mark, 'tenant.created', createId)).toMatchObject({ actorKind: 'token', actor: adminId, targetKind: 'tenant', target: tenant.id, tenantId: tenant.id, after: { slug: tenant.slug, name: 'Audit Co' } });
    const renameId = requestId('tenant-rename');
    ok(await client(admin, renameId).PATCH('/api/v1/tenants/{tenant}', { params: { path: { tenant: tenant.id } }, body: { name: 'Audit Corp' } }));
    expect(await eventOf(mark, 'tenant.updated', renameId)).toMatchObject({ tenantId: tenant.id, before: { name: 'Audit Co' }, after: { name: 'Audit Corp' } });

    const user = await newUser('member');
    const member = (role: 'admin' | 'user', id: string) => client(admin, id).PUT('/api/v1/tenants/{tenant}/users/{userId}', { params: { path: { tenant: tenant.id, userId: user.id } }, body: { role } });
    const addId = requestId('member-add');
    ok(await member('user', addId));
    expect(await eventOf(mark, 'tenant.member.added', addId)).toMatchObject({ target: user.id, tenantId: tenant.id, before: null, after: { tenantId: tenant.id, role: 'user' } });
    const roleId = requestId('member-role');
    ok(await member('admin', roleId));
    const changed = await eventOf(mark, 'tenant.member.role-changed', roleId);
    expect(changed).toMatchObject({ target: user.id, tenantId: tenant.id });
    expect(changed.before).toEqual({ tenantId: tenant.id, role: 'user' });
    expect(changed.after).toEqual({ tenantId: tenant.id, role: 'admin' });
    const removeId = requestId('member-remove');
    expect((await client(admin, removeId).DELETE('/api/v1/tenants/{tenant}/users/{userId}', { params: { path: { tenant: tenant.id, userId: user.id } } })).response.status).toBe(204);
    expect(await eventOf(mark, 'tenant.member.removed', removeId)).toMatchObject({ target: user.id, tenantId: tenant.id, before: { tenantId: tenant.id, role: 'admin' }, after: null });

    // A user created into a tenant joins it in the same event's transaction.
    const joinedId = requestId('created-in-tenant');
    const joined = ok(await client(admin, joinedId).POST('/api/v1/users', { body: { email: emailOf(`joined${next()}`), password: PASSWORD, tenant: tenant.slug } }));
    if (!('user' in joined)) throw new Error('Expected the created user');
    expect(await eventOf(mark, 'user.created', joinedId)).toMatchObject({ target: joined.user.id, tenantId: tenant.id });
    expect(await eventOf(mark, 'tenant.member.added', joinedId)).toMatchObject({ target: joined.user.id, tenantId: tenant.id, after: { tenantId: tenant.id, role: 'user' } });

    await expectNoEventFrom(() => client(admin).POST('/api/v1/tenants', { body: { slug: `${RUN}-t`, name: 'Again' } }), 409);

    // A tenant deleted with its members: each membership's end is told, then the tenant's.
    const deleteId = requestId('tenant-delete');
    expect((await client(admin, deleteId).DELETE('/api/v1/tenants/{tenant}', { params: { path: { tenant: tenant.id }, query: { force: 'true' } } })).response.status).toBe(204);
    expect(await eventOf(mark, 'tenant.member.removed', deleteId)).toMatchObject({ target: joined.user.id, tenantId: tenant.id, before: { tenantId: tenant.id, role: 'user' } });
    expect(await eventOf(mark, 'tenant.deleted', deleteId)).toMatchObject({ target: tenant.id, tenantId: tenant.id, before: { slug: tenant.slug, name: 'Audit Corp', memberCount: 1 } });
  });

  it('records resources and permission grants, changes (expiry as old and new) and revocations with the resource and its tenant', async () => {
    const mark = await trail.mark();
    const tenant = ok(await client(admin).POST('/api/v1/tenants', { body: { slug: `${RUN}-r`, name: 'Resources' } }));
    const resourceId = requestId('resource');
    const resource = ok(await client(admin, resourceId).POST('/api/v1/resources', { body: { name: `${RUN} flow`, kind: 'workflow', tenantId: tenant.id } }));
    expect(await eventOf(mark, 'resource.created', resourceId)).toMatchObject({ targetKind: 'resource', target: resource.id, tenantId: tenant.id, after: { name: `${RUN} flow`, kind: 'workflow' } });
    const renameId = requestId('resource-rename');
    ok(await client(admin, renameId).PATCH('/api/v1/resources/{id}', { ...userPath(resource.id), body: { name: `${RUN} renamed` } }));
    expect(await eventOf(mark, 'resource.updated', renameId)).toMatchObject({ tenantId: tenant.id, before: { name: `${RUN} flow` }, after: { name: `${RUN} renamed` } });

    const user = await newUser('grantee');
    const grantPath = { params: { path: { id: user.id, resourceId: resource.id } } };
    const firstExpiry = new Date(Date.now() + 86_400_000).toISOString();
    const laterExpiry = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const grantId = requestId('grant');
    ok(await client(admin, grantId).PUT('/api/v1/users/{id}/permissions/{resourceId}', { ...grantPath, body: { role: 'reader', expiresAt: firstExpiry } }));
    expect(await eventOf(mark, 'permission.granted', grantId)).toMatchObject({ actor: adminId, target: user.id, tenantId: tenant.id, before: null, after: { resourceId: resource.id, role: 'reader', expiresAt: firstExpiry } });

    const extendId = requestId('extend');
    ok(await client(admin, extendId).PUT('/api/v1/users/{id}/permissions/{resourceId}', { ...grantPath, body: { role: 'reader', expiresAt: laterExpiry } }));
    const extended = await eventOf(mark, 'permission.changed', extendId);
    expect(extended.before).toEqual({ resourceId: resource.id, expiresAt: firstExpiry });
    expect(extended.after).toEqual({ resourceId: resource.id, expiresAt: laterExpiry });

    await expectNoEventFrom(() => client(admin).PUT('/api/v1/users/{id}/permissions/{resourceId}', { ...grantPath, body: { role: 'owner', expiresAt: '2001-01-01T00:00:00Z' } }), 422);

    const revokeId = requestId('revoke');
    expect((await client(admin, revokeId).DELETE('/api/v1/users/{id}/permissions/{resourceId}', grantPath)).response.status).toBe(204);
    expect(await eventOf(mark, 'permission.revoked', revokeId)).toMatchObject({ target: user.id, tenantId: tenant.id, before: { resourceId: resource.id, role: 'reader', expiresAt: laterExpiry }, after: null });
    await expectNoEventFrom(() => client(admin).DELETE('/api/v1/users/{id}/permissions/{resourceId}', grantPath), 404);

    // A resource deleted with a grant on it: the grant's end is told as a revocation.
    ok(await client(admin).PUT('/api/v1/users/{id}/permissions/{resourceId}', { ...grantPath, body: { role: 'owner' } }));
    const deleteId = requestId('resource-delete');
    expect((await client(admin, deleteId).DELETE('/api/v1/resources/{id}', userPath(resource.id))).response.status).toBe(204);
    expect(await eventOf(mark, 'permission.revoked', deleteId)).toMatchObject({ target: user.id, tenantId: tenant.id, before: { resourceId: resource.id, role: 'owner', expiresAt: null } });
    expect(await eventOf(mark, 'resource.deleted', deleteId)).toMatchObject({ target: resource.id, tenantId: tenant.id, after: null });
  });
});

describe('settings', () => {
  it('records a settings change as the settings that changed', async () => {
    const mark = await trail.mark();
    const id = requestId('settings');
    ok(await client(admin, id).PUT('/api/v1/settings/password-policy', { body: { minLength: 14, requiredClasses: [] } }));
    const event = await eventOf(mark, 'settings.updated', id);
    expect(event).toMatchObject({ actorKind: 'token', actor: adminId, target: null });
    expect(event.before).toEqual({ passwordMinLength: 12 });
    expect(event.after).toEqual({ passwordMinLength: 14 });
    await expectNoEventFrom(() => call('/api/v1/settings/password-policy', { method: 'PUT', token: admin, json: { minLength: 3, requiredClasses: [] } }), 422);
    ok(await client(admin).PUT('/api/v1/settings/password-policy', { body: { minLength: 12, requiredClasses: [] } }));
  });
});

describe('the vendor mounts record the same events', () => {
  it('Appmixer: a sign-in and an edit', async () => {
    const user = await newUser('appmixer');
    const mark = await trail.mark();
    const signInId = requestId('am-auth');
    const { token } = ok(await client(undefined, signInId).POST('/compat/appmixer/user/auth', { body: { username: TEST_ADMIN.email, password: TEST_ADMIN.password } }));
    secrets.add(token);
    expect(await eventOf(mark, 'sign-in.succeeded', signInId)).toMatchObject({ actor: adminId, target: adminId });
    expect(await eventOf(mark, 'token.issued', signInId)).toMatchObject({ actor: adminId, after: { userId: adminId } });
    const editId = requestId('am-edit');
    ok(await client(token, editId).PUT('/compat/appmixer/users/{userId}', { params: { path: { userId: user.id } }, body: { metadata: { via: 'appmixer' } } }));
    expect(await eventOf(mark, 'user.updated', editId)).toMatchObject({ actorKind: 'token', actor: adminId, target: user.id, before: { metadata: {} }, after: { metadata: { via: 'appmixer' } } });
  });

  it('Tyk: a key reset made with an access key', async () => {
    const user = await newUser('tyk');
    const adminKey = ok(await client(admin).GET('/api/v1/me/access-key')).accessKey;
    secrets.add(adminKey);
    const mark = await trail.mark();
    const id = requestId('tyk-reset');
    const reset = await call(`/compat/tyk/api/users/${user.id}/actions/key/reset`, { method: 'PUT', headers: { authorization: adminKey, 'x-request-id': id } });
    expect(reset.status, reset.text).toBe(200);
    expect(await eventOf(mark, 'access-key.rotated', id)).toMatchObject({ actorKind: 'access-key', actor: adminId, target: user.id });
    expect(reset.text).not.toContain(adminKey);
  });

  it('telm.ai: a membership assigned with a telm token', async () => {
    const tenant = ok(await client(admin).POST('/api/v1/tenants', { body: { slug: `${RUN}-telm`, name: 'Telm' } }));
    const user = await newUser('telm');
    const mark = await trail.mark();
    const tokenAnswer = await call(`/compat/telm/api/auth/auth/token?${new URLSearchParams({ grant_type: 'password', username: TEST_ADMIN.email, password: TEST_ADMIN.password })}`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(tokenAnswer.status, tokenAnswer.text).toBe(200);
    const token = tokenAnswer.body.access_token as string;
    secrets.add(token);
    const id = requestId('telm-assign');
    const assigned = await call(`/compat/telm/api/auth/auth/${tenant.slug}/users/${user.email}/assign`, { method: 'PUT', json: { role: 'admin' }, headers: { authentication: `Bearer ${token}`, 'x-request-id': id } });
    expect(assigned.status, assigned.text).toBe(200);
    expect(await eventOf(mark, 'tenant.member.added', id)).toMatchObject({ actorKind: 'token', actor: adminId, target: user.id, tenantId: tenant.id, after: { tenantId: tenant.id, role: 'admin' } });
  });

  it('Solvexia: a permission granted with a client-credentials token', async () => {
    const resource = ok(await client(admin).POST('/api/v1/resources', { body: { name: `${RUN} sx`, kind: 'process' } }));
    const user = await newUser('solvexia');
    const mark = await trail.mark();
    const tokenId = requestId('sx-token');
    const { access_token: token } = ok(
      await client(undefined, tokenId).POST('/compat/solvexia/oauth/token', { body: { grant_type: 'client_credentials', client_id: TEST_ADMIN.email, client_secret: TEST_ADMIN.password } }),
    );
    secrets.add(token);
    expect(await eventOf(mark, 'token.issued', tokenId)).toMatchObject({ actor: adminId });
    const id = requestId('sx-grant');
    ok(await client(token, id).POST('/compat/solvexia/v1/users/{userId}/permissions/{resourceId}', { params: { path: { userId: user.id, resourceId: resource.id } }, body: { role: 'reader' } }));
    expect(await eventOf(mark, 'permission.granted', id)).toMatchObject({ actorKind: 'token', actor: adminId, target: user.id, tenantId: null, after: { resourceId: resource.id, role: 'reader', expiresAt: null } });
  });
});

describe('secrets', () => {
  it('no password, token, access key or code sent or handed out by this file is anywhere in the trail', async () => {
    const text = await trail.asText();
    expect(secrets.size).toBeGreaterThan(15);
    for (const secret of secrets) expect(text.includes(secret), `a secret (${secret.slice(0, 4)}…) in the trail`).toBe(false);
    // Nor a password hash: those show only as "changed".
    expect(text).not.toMatch(/\$argon2|\$scrypt/);
  });
});
