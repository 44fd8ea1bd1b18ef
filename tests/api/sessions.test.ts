import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { TEST_ADMIN } from '../support/server';
import { browserSession } from '../support/server-actions';
import { gatehouse } from '../support/typed-client';

/**
 * Issue 19: sessions and tokens. Every credential a user signs in with is listed (browsers,
 * API tokens, the access key), with where and when; ending one is refused on its very next
 * request; "sign out everywhere else" keeps the one in use; admins and tenant admins who
 * control an account see and end its sessions, nobody else does.
 */

const PASSWORD = 'sessions password 19';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const tag = `ses${Date.now().toString(36)}`;
let serial = 0;
let adminToken = '';
let env: Awaited<ReturnType<typeof useServerDatabase>>;

async function newUser(extra: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
  serial += 1;
  const email = `${tag}-${serial}@example.com`;
  const created = await api('/api/v1/users', { method: 'POST', token: adminToken, json: { email, password: PASSWORD, ...extra } });
  expect(created.status, created.text).toBe(201);
  return { id: created.body.user.id as string, email };
}

async function mySessions(token: string) {
  const { data, response } = await gatehouse({ token }).GET('/api/v1/me/sessions');
  expect(response.status).toBe(200);
  return data!.sessions;
}

async function currentId(token: string): Promise<string> {
  return (await mySessions(token)).find((session) => session.current)!.id;
}

const meStatus = async (token: string) => (await gatehouse({ token }).GET('/api/v1/me')).response.status;
const cookieMeStatus = async (cookie: string) => (await gatehouse({ headers: { cookie } }).GET('/api/v1/me')).response.status;

beforeAll(async () => {
  env = await useServerDatabase();
  adminToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
});

describe('your own sessions and tokens', () => {
  it('lists two tokens with the one in use marked, ends one, and the ended one is refused on its next call', async () => {
    const { email } = await newUser();
    const first = await signInForToken(email, PASSWORD);
    const second = await signInForToken(email, PASSWORD);

    const listed = await mySessions(first);
    expect(listed.map((session) => session.kind)).toEqual(['token', 'token']);
    const [mine, other] = [listed.find((session) => session.current)!, listed.find((session) => !session.current)!];
    expect(mine.id).toMatch(/^tok_/);
    expect(other.id).toBe(await currentId(second));
    // Where and when each was issued; never the secret itself.
    expect(mine.address).toBeTruthy();
    expect(mine.userAgent).toBeTruthy();
    expect(mine.expiresAt).not.toBeNull();
    expect(mine.lastSeenAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(first.slice(3, 20));
    expect(JSON.stringify(listed)).not.toMatch(/gh_|gk_|tokenHash|secret/i);

    const ended = await gatehouse({ token: first }).DELETE('/api/v1/me/sessions/{id}', { params: { path: { id: other.id } } });
    expect(ended.response.status).toBe(204);
    expect(await meStatus(second)).toBe(401);
    expect(await meStatus(first)).toBe(200);
    expect((await mySessions(first)).map((session) => session.id)).toEqual([mine.id]);
    // Already ended: nothing live by that id any more.
    const again = await gatehouse({ token: first }).DELETE('/api/v1/me/sessions/{id}', { params: { path: { id: other.id } } });
    expect(again.response.status).toBe(404);
  });

  it('ends the token in use when asked: that is a sign-out', async () => {
    const { email } = await newUser();
    const token = await signInForToken(email, PASSWORD);
    const ended = await gatehouse({ token }).DELETE('/api/v1/me/sessions/{id}', { params: { path: { id: await currentId(token) } } });
    expect(ended.response.status).toBe(204);
    expect(await meStatus(token)).toBe(401);
  });

  it('answers 404 for another user’s session, which stays live, and 400 for a malformed id', async () => {
    const [ann, bob] = [await newUser(), await newUser()];
    const annToken = await signInForToken(ann.email, PASSWORD);
    const bobToken = await signInForToken(bob.email, PASSWORD);
    const bobsId = await currentId(bobToken);
    const client = gatehouse({ token: annToken });
    const foreign = await client.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id: bobsId } } });
    expect(foreign.response.status).toBe(404);
    expect(foreign.response.headers.get('content-type')).toContain('application/problem+json');
    expect(await meStatus(bobToken)).toBe(200);
    expect((await client.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id: 'ses_doesNotExist00' } } })).response.status).toBe(404);
    for (const malformed of ['usr_abc', 'not-an-id', 'tok_' + 'x'.repeat(80)]) {
      const response = await api(`/api/v1/me/sessions/${malformed}`, { method: 'DELETE', token: annToken });
      expect(response.status, malformed).toBe(400);
    }
  });

  it('signs out everywhere else: every browser, token and the access key end, the token in use stays', async () => {
    const { email } = await newUser();
    const kept = await signInForToken(email, PASSWORD);
    const others = [await signInForToken(email, PASSWORD), await signInForToken(email, PASSWORD)];
    const cookie = await browserSession(baseUrl(), email, PASSWORD, FIREFOX);
    const { data: key } = await gatehouse({ token: kept }).GET('/api/v1/me/access-key');
    expect(await meStatus(key!.accessKey)).toBe(200);
    expect((await mySessions(kept)).map((session) => session.kind).sort()).toEqual(['access-key', 'browser', 'token', 'token', 'token']);

    const { data, response } = await gatehouse({ token: kept }).DELETE('/api/v1/me/sessions');
    expect(response.status).toBe(200);
    expect(data).toEqual({ ended: 4 });
    for (const token of [...others, key!.accessKey]) expect(await meStatus(token)).toBe(401);
    expect(await cookieMeStatus(cookie)).toBe(401);
    expect(await meStatus(kept)).toBe(200);
    expect((await mySessions(kept)).map((session) => session.current)).toEqual([true]);

    // One event in the trail says how many ended.
    const { auditEvents } = env.schema;
    const events = await env.db.select().from(auditEvents).where(eq(auditEvents.action, 'user.sessions.ended-all'));
    expect(events.some((event) => JSON.stringify(event.after).includes('"ended":4'))).toBe(true);
  });

  it('ends the access key like a token; the next read of it makes a new one', async () => {
    const { email } = await newUser();
    const token = await signInForToken(email, PASSWORD);
    const { data: key } = await gatehouse({ token }).GET('/api/v1/me/access-key');
    const listedKey = (await mySessions(token)).find((session) => session.kind === 'access-key')!;
    expect(listedKey.id).toMatch(/^key_/);
    expect(listedKey.expiresAt).toBeNull();
    expect((await gatehouse({ token }).DELETE('/api/v1/me/sessions/{id}', { params: { path: { id: listedKey.id } } })).response.status).toBe(204);
    expect(await meStatus(key!.accessKey)).toBe(401);
    const { data: fresh } = await gatehouse({ token }).GET('/api/v1/me/access-key');
    expect(fresh!.accessKey).not.toBe(key!.accessKey);
    expect(await meStatus(fresh!.accessKey)).toBe(200);
  });

  it('no longer lists the sessions a password change ended', async () => {
    const { email } = await newUser();
    const token = await signInForToken(email, PASSWORD);
    await signInForToken(email, PASSWORD);
    await browserSession(baseUrl(), email, PASSWORD);
    const changed = await gatehouse({ token }).POST('/api/v1/me/password', { body: { oldPassword: PASSWORD, newPassword: `${PASSWORD} changed` } });
    expect(changed.response.status).toBe(200);
    expect((await mySessions(token)).map((session) => [session.kind, session.current])).toEqual([['token', true]]);
  });
});

describe('browser sessions', () => {
  it('are listed with their address, user agent and last visit; ended through the API, the cookie stops working', async () => {
    const user = await newUser();
    const cookie = await browserSession(baseUrl(), user.email, PASSWORD, FIREFOX);
    const { data } = await gatehouse({ headers: { cookie } }).GET('/api/v1/me/sessions');
    const [session] = data!.sessions;
    expect(data!.sessions).toHaveLength(1);
    expect(session).toMatchObject({ kind: 'browser', current: true, userAgent: FIREFOX, expiresAt: null, name: null });
    expect(session.id).toMatch(/^ses_/);
    expect(session.address).toBeTruthy();
    expect(Date.parse(session.lastSeenAt!)).toBeGreaterThanOrEqual(Date.parse(session.createdAt));

    // Seen from a token, the browser is not the current one.
    const token = await signInForToken(user.email, PASSWORD);
    expect((await mySessions(token)).find((listed) => listed.id === session.id)!.current).toBe(false);

    const ended = await gatehouse({ token: adminToken }).DELETE('/api/v1/users/{id}/sessions/{sessionId}', { params: { path: { id: user.id, sessionId: session.id } } });
    expect(ended.response.status).toBe(204);
    expect(await cookieMeStatus(cookie)).toBe(401);
    const page = await fetch(`${baseUrl()}/account`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toContain('/sign-in');
    expect(await meStatus(token)).toBe(200);

    const { auditEvents } = env.schema;
    const events = await env.db.select().from(auditEvents).where(eq(auditEvents.action, 'session.ended'));
    expect(events.some((event) => event.target === user.id && JSON.stringify(event.after).includes(session.id))).toBe(true);
  });

  it('keeps the last-seen time to the minute without a write per request', async () => {
    const user = await newUser();
    const cookie = await browserSession(baseUrl(), user.email, PASSWORD);
    const { browserSessions } = env.schema;
    const seen = async () => (await env.db.select({ lastSeenAt: browserSessions.lastSeenAt }).from(browserSessions).where(eq(browserSessions.userId, user.id)))[0].lastSeenAt!.getTime();
    const signedIn = await seen();
    // An hour ago: the next request notes the visit (off its own critical path, so wait for it).
    await env.write((tx) => tx.update(browserSessions).set({ lastSeenAt: new Date(signedIn - 3_600_000) }).where(eq(browserSessions.userId, user.id)));
    expect(await cookieMeStatus(cookie)).toBe(200);
    await expect.poll(seen).toBeGreaterThanOrEqual(signedIn);
    const noted = await seen();
    expect(await cookieMeStatus(cookie)).toBe(200);
    expect(await seen()).toBe(noted);
  });
});

describe('a user’s sessions, for admins', () => {
  it('an admin lists a user’s sessions, ends one, then ends all', async () => {
    const user = await newUser();
    const tokens = [await signInForToken(user.email, PASSWORD), await signInForToken(user.email, PASSWORD)];
    const cookie = await browserSession(baseUrl(), user.email, PASSWORD);
    const admin = gatehouse({ token: adminToken });
    const { data } = await admin.GET('/api/v1/users/{id}/sessions', { params: { path: { id: user.id } } });
    expect(data!.sessions.map((session) => session.kind).sort()).toEqual(['browser', 'token', 'token']);
    expect(data!.sessions.every((session) => !session.current)).toBe(true);

    const first = await currentId(tokens[0]);
    expect((await admin.DELETE('/api/v1/users/{id}/sessions/{sessionId}', { params: { path: { id: user.id, sessionId: first } } })).response.status).toBe(204);
    expect(await meStatus(tokens[0])).toBe(401);
    expect(await meStatus(tokens[1])).toBe(200);

    const all = await admin.DELETE('/api/v1/users/{id}/sessions', { params: { path: { id: user.id } } });
    expect(all.response.status).toBe(200);
    expect(all.data).toEqual({ ended: 2 });
    expect(await meStatus(tokens[1])).toBe(401);
    expect(await cookieMeStatus(cookie)).toBe(401);
    expect((await admin.GET('/api/v1/users/{id}/sessions', { params: { path: { id: user.id } } })).data!.sessions).toEqual([]);
    // The password still works: ending sessions is not a lockout.
    expect(await meStatus(await signInForToken(user.email, PASSWORD))).toBe(200);
  });

  it('answers 404 for an unknown user or a session of someone else, 400 for a malformed session id', async () => {
    const [ann, bob] = [await newUser(), await newUser()];
    const bobsId = await currentId(await signInForToken(bob.email, PASSWORD));
    const admin = gatehouse({ token: adminToken });
    expect((await admin.GET('/api/v1/users/{id}/sessions', { params: { path: { id: 'usr_nobodyHere000' } } })).response.status).toBe(404);
    expect((await admin.DELETE('/api/v1/users/{id}/sessions/{sessionId}', { params: { path: { id: ann.id, sessionId: bobsId } } })).response.status).toBe(404);
    expect((await api(`/api/v1/users/${ann.id}/sessions/nonsense`, { method: 'DELETE', token: adminToken })).status).toBe(400);
  });

  it('a tenant admin reaches their own tenant’s users only; a plain user reaches nobody’s', async () => {
    const slugs = [`${tag}-a`, `${tag}-b`];
    const [tenantA] = await Promise.all(slugs.map(async (slug) => (await api('/api/v1/tenants', { method: 'POST', token: adminToken, json: { slug, name: slug } })).body as { id: string }));
    const tenantAdmin = await newUser({ tenant: slugs[0] });
    const ownMember = await newUser({ tenant: slugs[0] });
    const otherMember = await newUser({ tenant: slugs[1] });
    const promoted = await api(`/api/v1/tenants/${tenantA.id}/users/${tenantAdmin.id}`, { method: 'PUT', token: adminToken, json: { role: 'admin' } });
    expect(promoted.status, promoted.text).toBeLessThan(300);
    const memberToken = await signInForToken(ownMember.email, PASSWORD);
    const otherToken = await signInForToken(otherMember.email, PASSWORD);

    const asTenantAdmin = gatehouse({ token: await signInForToken(tenantAdmin.email, PASSWORD) });
    const own = await asTenantAdmin.GET('/api/v1/users/{id}/sessions', { params: { path: { id: ownMember.id } } });
    expect(own.response.status).toBe(200);
    expect(own.data!.sessions).toHaveLength(1);
    const other = await asTenantAdmin.GET('/api/v1/users/{id}/sessions', { params: { path: { id: otherMember.id } } });
    expect(other.response.status).toBe(404);
    expect((await asTenantAdmin.DELETE('/api/v1/users/{id}/sessions', { params: { path: { id: otherMember.id } } })).response.status).toBe(404);
    expect(await meStatus(otherToken)).toBe(200);
    expect((await asTenantAdmin.DELETE('/api/v1/users/{id}/sessions', { params: { path: { id: ownMember.id } } })).data).toEqual({ ended: 1 });
    expect(await meStatus(memberToken)).toBe(401);

    const plain = gatehouse({ token: await signInForToken(otherMember.email, PASSWORD) });
    expect((await plain.GET('/api/v1/users/{id}/sessions', { params: { path: { id: ownMember.id } } })).response.status).toBe(403);
    expect((await plain.DELETE('/api/v1/users/{id}/sessions', { params: { path: { id: ownMember.id } } })).response.status).toBe(403);
  });

  it('a suspended user has no live sessions, and after reactivation the old ones stay ended', async () => {
    const user = await newUser();
    const token = await signInForToken(user.email, PASSWORD);
    await browserSession(baseUrl(), user.email, PASSWORD);
    const admin = gatehouse({ token: adminToken });
    const list = async () => (await admin.GET('/api/v1/users/{id}/sessions', { params: { path: { id: user.id } } })).data!.sessions;
    expect(await list()).toHaveLength(2);
    for (const status of ['suspended', 'active'] as const) {
      expect((await admin.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { status } })).response.status).toBe(200);
      expect(await list()).toEqual([]);
    }
    expect(await meStatus(token)).toBe(401);
  });
});
