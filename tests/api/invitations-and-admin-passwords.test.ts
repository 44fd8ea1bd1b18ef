import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { apiAt, type ApiInit } from '../support/api';

// A server of its own that mails over real SMTP.
const PASSWORD = 'first pass phrase of mine';
const NEW_PASSWORD = 'a brand new pass phrase';

let sink: SmtpSink;
let server: RunningServer;
let admin: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({ env: { SMTP_URL: sink.url } });
  admin = await tokenFor(TEST_ADMIN.email, TEST_ADMIN.password);
});

afterAll(async () => {
  await server?.stop();
  await sink?.stop();
});

const call = (path: string, init: ApiInit = {}) => apiAt(server.url, path, init);


const post = (path: string, json: unknown, token?: string) => call(path, { method: 'POST', json, token });
const signIn = (email: string, password: string) => post('/api/v1/auth/token', { email, password });

async function tokenFor(email: string, password: string): Promise<string> {
  const response = await signIn(email, password);
  expect(response.status, response.text).toBe(200);
  return response.body.token;
}

async function createUser(json: Record<string, unknown>) {
  const created = await post('/api/v1/users', json, admin);
  expect(created.status, created.text).toBe(201);
  return created.body.user as { id: string; email: string; status: string };
}

/** The first mail to `to` whose subject matches, among those received after `mark` mails. */
function mailSince(mark: number, to: string, subject: RegExp) {
  return sink.waitForMail((mail) => sink.mails.indexOf(mail) >= mark && mail.to.includes(to) && subject.test(mail.subject));
}

/** The mail log's entries to `to`: every mail the server queued, sent or not. */
async function outboxTo(to: string): Promise<Array<{ kind: string; status: string }>> {
  const log = await call('/api/v1/mail?limit=100', { token: admin });
  expect(log.status, log.text).toBe(200);
  expect(log.body.total).toBeLessThanOrEqual(100);
  return (log.body.items as Array<{ to: string; kind: string; status: string }>).filter((mail) => mail.to === to);
}

const codeIn = (mail: Awaited<ReturnType<typeof mailSince>>, path: string) => linkIn(mail, path).searchParams.get('code')!;
const accept = (code: string, password: string) => post('/api/v1/invitations/accept', { code, password });

describe('invitations', () => {
  it('a user created without a password is pending, mailed an invitation, accepts it and signs in', async () => {
    const mark = sink.mails.length;
    const user = await createUser({ email: 'invitee@example.com', firstName: 'Ines' });
    expect(user.status).toBe('pending');
    const mail = await mailSince(mark, user.email, /invited/);
    expect(mail.text).toContain('Ines');
    const code = codeIn(mail, '/accept-invite');

    expect((await signIn(user.email, PASSWORD)).status).toBe(401);
    const weak = await accept(code, 'short');
    expect(weak.status).toBe(422);
    expect(weak.body.errors[0].path).toBe('password');
    const accepted = await accept(code, PASSWORD);
    expect(accepted.status, accepted.text).toBe(200);

    expect((await signIn(user.email, PASSWORD)).status).toBe(200);
    expect((await call(`/api/v1/users/${user.id}`, { token: admin })).body.status).toBe('active');
    expect((await accept(code, NEW_PASSWORD)).status).toBe(400);
  });

  it('sendInvite:false mails nothing; a resend mails a new link and the older one stops working', async () => {
    const mark = sink.mails.length;
    const user = await createUser({ email: 'invite-later@example.com', sendInvite: false });
    expect(user.status).toBe('pending');
    // An invitation is put in the outbox in the request that creates the user: none there now is none at all.
    expect(await outboxTo(user.email)).toEqual([]);

    const first = await post(`/api/v1/users/${user.id}/invitation`, {}, admin);
    expect(first.status, first.text).toBe(202);
    // Whereas an invitation sent is in the outbox as soon as the answer is.
    expect((await outboxTo(user.email)).map((mail) => mail.kind)).toEqual(['invitation']);
    const firstCode = codeIn(await mailSince(mark, user.email, /invited/), '/accept-invite');
    const secondMark = sink.mails.length;
    expect((await post(`/api/v1/users/${user.id}/invitation`, {}, admin)).status).toBe(202);
    const secondCode = codeIn(await mailSince(secondMark, user.email, /invited/), '/accept-invite');
    expect(secondCode).not.toBe(firstCode);

    const stale = await accept(firstCode, PASSWORD);
    expect(stale.status).toBe(400);
    expect(stale.body.type).toMatch(/invalid-code/);
    expect((await accept(secondCode, PASSWORD)).status).toBe(200);
    expect((await signIn(user.email, PASSWORD)).status).toBe(200);
  });

  it('resending to an active user is a 409', async () => {
    const user = await createUser({ email: 'already-active@example.com', password: PASSWORD });
    const response = await post(`/api/v1/users/${user.id}/invitation`, {}, admin);
    expect(response.status).toBe(409);
  });
});

describe('POST /api/v1/users/:id/password (admin)', () => {
  it('{password} sets it: a weak one is a 422, the user’s tokens end, the new one signs in', async () => {
    const user = await createUser({ email: 'set-by-admin@example.com', password: PASSWORD });
    const userToken = await tokenFor(user.email, PASSWORD);

    const weak = await post(`/api/v1/users/${user.id}/password`, { password: 'password1234' }, admin);
    expect(weak.status).toBe(422);
    expect(weak.body.errors[0].path).toBe('password');
    expect((await call('/api/v1/me', { token: userToken })).status).toBe(200);

    const set = await post(`/api/v1/users/${user.id}/password`, { password: NEW_PASSWORD }, admin);
    expect(set.status, set.text).toBe(200);
    expect((await call('/api/v1/me', { token: userToken })).status).toBe(401);
    expect((await signIn(user.email, PASSWORD)).status).toBe(401);
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('{sendEmail: true} answers 202 and mails the user a working reset link', async () => {
    const user = await createUser({ email: 'mail-me-a-link@example.com', password: PASSWORD });
    const mark = sink.mails.length;
    const response = await post(`/api/v1/users/${user.id}/password`, { sendEmail: true }, admin);
    expect(response.status, response.text).toBe(202);
    const code = codeIn(await mailSince(mark, user.email, /Reset your/), '/reset-password');
    expect((await post('/api/v1/password/reset', { code, password: NEW_PASSWORD })).status).toBe(200);
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('refuses {} and both fields at once with a 422', async () => {
    const user = await createUser({ email: 'neither-nor@example.com', password: PASSWORD });
    for (const body of [{}, { password: NEW_PASSWORD, sendEmail: true }]) {
      const response = await post(`/api/v1/users/${user.id}/password`, body, admin);
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
    expect((await signIn(user.email, PASSWORD)).status).toBe(200);
  });

  it('is for admins: a member gets 403, an anonymous caller 401, on both password and invitation', async () => {
    const target = await createUser({ email: 'target@example.com', sendInvite: false });
    await createUser({ email: 'plain-member@example.com', password: PASSWORD });
    const member = await tokenFor('plain-member@example.com', PASSWORD);
    const calls: Array<[string, unknown]> = [
      [`/api/v1/users/${target.id}/password`, { password: NEW_PASSWORD }],
      [`/api/v1/users/${target.id}/password`, { sendEmail: true }],
      [`/api/v1/users/${target.id}/invitation`, {}],
    ];
    for (const [path, body] of calls) {
      expect((await post(path, body, member)).status, path).toBe(403);
      expect((await post(path, body)).status, path).toBe(401);
    }
    expect((await call(`/api/v1/users/${target.id}`, { token: admin })).body.status).toBe('pending');
  });
});

describe('POST /api/v1/me/password', () => {
  const change = (token: string, oldPassword: string, newPassword: string) => post('/api/v1/me/password', { oldPassword, newPassword }, token);

  it('refuses a wrong old password (422 on oldPassword), counting toward throttling: the sixth try is a 429', async () => {
    const user = await createUser({ email: 'forgetful@example.com', password: PASSWORD });
    const token = await tokenFor(user.email, PASSWORD);
    for (let i = 0; i < 5; i++) {
      const wrong = await change(token, `wrong guess ${i}`, NEW_PASSWORD);
      expect(wrong.status).toBe(422);
      expect(wrong.body.errors[0].path).toBe('oldPassword');
    }
    const throttled = await change(token, PASSWORD, NEW_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same count as sign-in's: signing in is held back too.
    expect((await signIn(user.email, PASSWORD)).status).toBe(429);
  });

  it('changes it: the token used stays valid, the user’s other tokens end, a notice is mailed', async () => {
    const user = await createUser({ email: 'changer@example.com', password: PASSWORD });
    const current = await tokenFor(user.email, PASSWORD);
    const other = await tokenFor(user.email, PASSWORD);

    const weak = await change(current, PASSWORD, 'short');
    expect(weak.status).toBe(422);
    expect(weak.body.errors[0].path).toBe('newPassword');

    const mark = sink.mails.length;
    const changed = await change(current, PASSWORD, NEW_PASSWORD);
    expect(changed.status, changed.text).toBe(200);
    expect((await call('/api/v1/me', { token: current })).status).toBe(200);
    expect((await call('/api/v1/me', { token: other })).status).toBe(401);
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
    expect((await signIn(user.email, PASSWORD)).status).toBe(401);
    await mailSince(mark, user.email, /password was changed/);
  });
});
