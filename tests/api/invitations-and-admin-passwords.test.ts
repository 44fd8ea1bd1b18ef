import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { apiAt } from '../support/api';
import { gatehouse } from '../support/typed-client';

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

/** The server's client, as `token` when given. */
const client = (token?: string) => gatehouse({ url: server.url, token });
type Client = ReturnType<typeof client>;
const userPath = (id: string) => ({ params: { path: { id } } });
const signIn = (email: string, password: string) => client().POST('/api/v1/auth/token', { body: { email, password } });
const meStatus = async (token: string) => (await client(token).GET('/api/v1/me')).response.status;
const statusOf = async (id: string) => (await client(admin).GET('/api/v1/users/{id}', userPath(id))).data!.status;

async function tokenFor(email: string, password: string): Promise<string> {
  const { data, error, response } = await signIn(email, password);
  expect(response.status, JSON.stringify(error)).toBe(200);
  return data!.token;
}

async function createUser(body: { email: string; firstName?: string; password?: string; sendInvite?: boolean }) {
  const { data, error, response } = await client(admin).POST('/api/v1/users', { body });
  expect(response.status, JSON.stringify(error)).toBe(201);
  // An admin's create answers 201 with the user; 202 is an anonymous sign-up's answer.
  if (!data || !('user' in data)) throw new Error(`Expected the created user: ${JSON.stringify(data)}`);
  return data.user;
}

/** The first mail to `to` whose subject matches, among those received after `mark` mails. */
function mailSince(mark: number, to: string, subject: RegExp) {
  return sink.waitForMail((mail) => sink.mails.indexOf(mail) >= mark && mail.to.includes(to) && subject.test(mail.subject));
}

/** The mail log's entries to `to`: every mail the server queued, sent or not. */
async function outboxTo(to: string) {
  const { data, error, response } = await client(admin).GET('/api/v1/mail', { params: { query: { limit: 100 } } });
  expect(response.status, JSON.stringify(error)).toBe(200);
  expect(data!.total).toBeLessThanOrEqual(100);
  return data!.items.filter((mail) => mail.to === to);
}

const codeIn = (mail: Awaited<ReturnType<typeof mailSince>>, path: string) => linkIn(mail, path).searchParams.get('code')!;
const accept = (code: string, password: string) => client().POST('/api/v1/invitations/accept', { body: { code, password } });
const invite = (id: string) => client(admin).POST('/api/v1/users/{id}/invitation', userPath(id));
const setPassword = (id: string, body: { password: string } | { sendEmail: true }, token?: string) => client(token).POST('/api/v1/users/{id}/password', { ...userPath(id), body });

describe('invitations', () => {
  it('a user created without a password is pending, mailed an invitation, accepts it and signs in', async () => {
    const mark = sink.mails.length;
    const user = await createUser({ email: 'invitee@example.com', firstName: 'Ines' });
    expect(user.status).toBe('pending');
    const mail = await mailSince(mark, user.email, /invited/);
    expect(mail.text).toContain('Ines');
    const code = codeIn(mail, '/accept-invite');

    expect((await signIn(user.email, PASSWORD)).response.status).toBe(401);
    const weak = await accept(code, 'short');
    expect(weak.response.status).toBe(422);
    expect(weak.error!.errors![0].path).toBe('password');
    const accepted = await accept(code, PASSWORD);
    expect(accepted.response.status, JSON.stringify(accepted.error)).toBe(200);

    expect((await signIn(user.email, PASSWORD)).response.status).toBe(200);
    expect(await statusOf(user.id)).toBe('active');
    expect((await accept(code, NEW_PASSWORD)).response.status).toBe(400);
  });

  it('sendInvite:false mails nothing; a resend mails a new link and the older one stops working', async () => {
    const mark = sink.mails.length;
    const user = await createUser({ email: 'invite-later@example.com', sendInvite: false });
    expect(user.status).toBe('pending');
    // An invitation is put in the outbox in the request that creates the user: none there now is none at all.
    expect(await outboxTo(user.email)).toEqual([]);

    const first = await invite(user.id);
    expect(first.response.status, JSON.stringify(first.error)).toBe(202);
    // Whereas an invitation sent is in the outbox as soon as the answer is.
    expect((await outboxTo(user.email)).map((mail) => mail.kind)).toEqual(['invitation']);
    const firstCode = codeIn(await mailSince(mark, user.email, /invited/), '/accept-invite');
    const secondMark = sink.mails.length;
    expect((await invite(user.id)).response.status).toBe(202);
    const secondCode = codeIn(await mailSince(secondMark, user.email, /invited/), '/accept-invite');
    expect(secondCode).not.toBe(firstCode);

    const stale = await accept(firstCode, PASSWORD);
    expect(stale.response.status).toBe(400);
    expect(stale.error!.type).toMatch(/invalid-code/);
    expect((await accept(secondCode, PASSWORD)).response.status).toBe(200);
    expect((await signIn(user.email, PASSWORD)).response.status).toBe(200);
  });

  it('resending to an active user is a 409', async () => {
    const user = await createUser({ email: 'already-active@example.com', password: PASSWORD });
    expect((await invite(user.id)).response.status).toBe(409);
  });
});

describe('POST /api/v1/users/:id/password (admin)', () => {
  it('{password} sets it: a weak one is a 422, the user’s tokens end, the new one signs in', async () => {
    const user = await createUser({ email: 'set-by-admin@example.com', password: PASSWORD });
    const userToken = await tokenFor(user.email, PASSWORD);

    const weak = await setPassword(user.id, { password: 'password1234' }, admin);
    expect(weak.response.status).toBe(422);
    expect(weak.error!.errors![0].path).toBe('password');
    expect(await meStatus(userToken)).toBe(200);

    const set = await setPassword(user.id, { password: NEW_PASSWORD }, admin);
    expect(set.response.status, JSON.stringify(set.error)).toBe(200);
    expect(await meStatus(userToken)).toBe(401);
    expect((await signIn(user.email, PASSWORD)).response.status).toBe(401);
    expect((await signIn(user.email, NEW_PASSWORD)).response.status).toBe(200);
  });

  it('{sendEmail: true} answers 202 and mails the user a working reset link', async () => {
    const user = await createUser({ email: 'mail-me-a-link@example.com', password: PASSWORD });
    const mark = sink.mails.length;
    const { error, response } = await setPassword(user.id, { sendEmail: true }, admin);
    expect(response.status, JSON.stringify(error)).toBe(202);
    const code = codeIn(await mailSince(mark, user.email, /Reset your/), '/reset-password');
    expect((await client().POST('/api/v1/password/reset', { body: { code, password: NEW_PASSWORD } })).response.status).toBe(200);
    expect((await signIn(user.email, NEW_PASSWORD)).response.status).toBe(200);
  });

  it('refuses {} and both fields at once with a 422', async () => {
    const user = await createUser({ email: 'neither-nor@example.com', password: PASSWORD });
    // Bodies the document's one-of forbids, on purpose: the untyped call.
    for (const body of [{}, { password: NEW_PASSWORD, sendEmail: true }]) {
      const response = await apiAt(server.url, `/api/v1/users/${user.id}/password`, { method: 'POST', json: body, token: admin });
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
    expect((await signIn(user.email, PASSWORD)).response.status).toBe(200);
  });

  it('is for admins: a member gets 403, an anonymous caller 401, on both password and invitation', async () => {
    const target = await createUser({ email: 'target@example.com', sendInvite: false });
    await createUser({ email: 'plain-member@example.com', password: PASSWORD });
    const member = await tokenFor('plain-member@example.com', PASSWORD);
    const calls: Array<[string, (caller: Client) => Promise<{ response: Response }>]> = [
      ['password', (caller) => caller.POST('/api/v1/users/{id}/password', { ...userPath(target.id), body: { password: NEW_PASSWORD } })],
      ['reset link', (caller) => caller.POST('/api/v1/users/{id}/password', { ...userPath(target.id), body: { sendEmail: true } })],
      ['invitation', (caller) => caller.POST('/api/v1/users/{id}/invitation', userPath(target.id))],
    ];
    for (const [name, send] of calls) {
      expect((await send(client(member))).response.status, name).toBe(403);
      expect((await send(client())).response.status, name).toBe(401);
    }
    expect(await statusOf(target.id)).toBe('pending');
  });
});

describe('POST /api/v1/me/password', () => {
  const change = (token: string, oldPassword: string, newPassword: string) => client(token).POST('/api/v1/me/password', { body: { oldPassword, newPassword } });

  it('refuses a wrong old password (422 on oldPassword), counting toward throttling: the sixth try is a 429', async () => {
    const user = await createUser({ email: 'forgetful@example.com', password: PASSWORD });
    const token = await tokenFor(user.email, PASSWORD);
    for (let i = 0; i < 5; i++) {
      const wrong = await change(token, `wrong guess ${i}`, NEW_PASSWORD);
      expect(wrong.response.status).toBe(422);
      expect(wrong.error!.errors![0].path).toBe('oldPassword');
    }
    const throttled = await change(token, PASSWORD, NEW_PASSWORD);
    expect(throttled.response.status).toBe(429);
    expect(Number(throttled.response.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same count as sign-in's: signing in is held back too.
    expect((await signIn(user.email, PASSWORD)).response.status).toBe(429);
  });

  it('changes it: the token used stays valid, the user’s other tokens end, a notice is mailed', async () => {
    const user = await createUser({ email: 'changer@example.com', password: PASSWORD });
    const current = await tokenFor(user.email, PASSWORD);
    const other = await tokenFor(user.email, PASSWORD);

    const weak = await change(current, PASSWORD, 'short');
    expect(weak.response.status).toBe(422);
    expect(weak.error!.errors![0].path).toBe('newPassword');

    const mark = sink.mails.length;
    const changed = await change(current, PASSWORD, NEW_PASSWORD);
    expect(changed.response.status, JSON.stringify(changed.error)).toBe(200);
    expect(await meStatus(current)).toBe(200);
    expect(await meStatus(other)).toBe(401);
    expect((await signIn(user.email, NEW_PASSWORD)).response.status).toBe(200);
    expect((await signIn(user.email, PASSWORD)).response.status).toBe(401);
    await mailSince(mark, user.email, /password was changed/);
  });
});
