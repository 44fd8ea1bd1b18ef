import { request as httpRequest } from 'node:http';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneTimeCodes } from '@/db/schema';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { openServerDatabase } from '../support/test-database';
import { gatehouse } from '../support/typed-client';

// A server of its own that mails over real SMTP, with an APP_URL no request uses: links must
// be built from it, whatever Host a request arrives with.
const APP_URL = 'https://gatehouse.example';
const MAIL_FROM = 'Gatehouse <accounts@gatehouse.example>';
const PASSWORD = 'first pass phrase of mine';
const NEW_PASSWORD = 'a brand new pass phrase';

let sink: SmtpSink;
let server: RunningServer;
let admin: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({ env: { SMTP_URL: sink.url, APP_URL, MAIL_FROM } });
  admin = (await signIn(TEST_ADMIN.email, TEST_ADMIN.password)).data!.token;
});

afterAll(async () => {
  await server?.stop();
  await sink?.stop();
});

/** The server's client, as `token` when given. */
const client = (token?: string) => gatehouse({ url: server.url, token });
const signIn = (email: string, password: string) => client().POST('/api/v1/auth/token', { body: { email, password } });
const forgot = (email: string) => client().POST('/api/v1/password/forgot', { body: { email } });
const reset = (code: string, password: string) => client().POST('/api/v1/password/reset', { body: { code, password } });

async function createUser(email: string, password?: string) {
  const { data, error, response } = await client(admin).POST('/api/v1/users', { body: { email, ...(password && { password }) } });
  expect(response.status, JSON.stringify(error)).toBe(201);
  // An admin's create answers 201 with the user; 202 is an anonymous sign-up's answer.
  if (!data || !('user' in data)) throw new Error(`Expected the created user: ${JSON.stringify(data)}`);
  return data.user;
}

/** The first mail to `to` whose subject matches, among those received after `mark` mails. */
function mailSince(mark: number, to: string, subject: RegExp) {
  return sink.waitForMail((mail) => sink.mails.indexOf(mail) >= mark && mail.to.includes(to) && subject.test(mail.subject));
}

/** Asks for a reset link and returns the code the mail carries. */
async function resetCodeFor(email: string): Promise<string> {
  const mark = sink.mails.length;
  expect((await forgot(email)).response.status).toBe(202);
  const mail = await mailSince(mark, email, /Reset your/);
  return linkIn(mail, '/reset-password').searchParams.get('code')!;
}

describe('forgot-password over SMTP', () => {
  it('mails a link that resets the password; the old password and old tokens stop working; a notice follows', async () => {
    const user = await createUser('locked-out@example.com', PASSWORD);
    const oldToken = (await signIn(user.email, PASSWORD)).data!.token;

    const code = await resetCodeFor(user.email);
    expect(code).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    const mark = sink.mails.length;
    const done = await reset(code, NEW_PASSWORD);
    expect(done.response.status, JSON.stringify(done.error)).toBe(200);

    expect((await signIn(user.email, NEW_PASSWORD)).response.status).toBe(200);
    expect((await signIn(user.email, PASSWORD)).response.status).toBe(401);
    expect((await client(oldToken).GET('/api/v1/me')).response.status).toBe(401);
    const notice = await mailSince(mark, user.email, /password was changed/);
    expect(notice.text).toContain(user.email);
  });

  it('lets a user whose sign-in is throttled reset and sign in at once', async () => {
    const user = await createUser('throttled@example.com', PASSWORD);
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, `wrong guess ${i}`)).response.status).toBe(401);
    expect((await signIn(user.email, PASSWORD)).response.status).toBe(429);
    expect((await reset(await resetCodeFor(user.email), NEW_PASSWORD)).response.status).toBe(200);
    expect((await signIn(user.email, NEW_PASSWORD)).response.status).toBe(200);
  });

  it('builds the link from APP_URL, not from the Host the request came with, and sends from MAIL_FROM', async () => {
    const user = await createUser('host-header@example.com', PASSWORD);
    const mark = sink.mails.length;
    // node:http, not fetch: fetch will not send a forged Host.
    const status = await new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ email: user.email });
      const request = httpRequest(`${server.url}/api/v1/password/forgot`, {
        method: 'POST',
        headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      request.on('response', (response) => resolve(response.resume().statusCode!)).on('error', reject).end(body);
    });
    expect(status).toBe(202);
    const mail = await mailSince(mark, user.email, /Reset your/);
    expect(mail.from).toBe('accounts@gatehouse.example');
    const link = linkIn(mail, '/reset-password');
    expect(link.origin).toBe(APP_URL);
    expect(link.searchParams.get('code')).toBeTruthy();
    expect(mail.text + mail.html).not.toContain('evil.example');
    expect(mail.html).toContain(`${APP_URL}/reset-password?code=`);
  });
});

describe('reset codes', () => {
  it('work once, even when two resets race: a second use gets the same answer as an unknown code', async () => {
    const user = await createUser('single-use@example.com', PASSWORD);
    const code = await resetCodeFor(user.email);
    const candidates = [NEW_PASSWORD, 'the other racing phrase'];
    const raced = await Promise.all(candidates.map((password) => reset(code, password)));
    expect(raced.map((r) => r.response.status).sort()).toEqual([200, 400]);
    const winner = candidates[raced.findIndex((r) => r.response.status === 200)];

    const reused = await reset(code, 'yet another pass phrase');
    const unknown = await reset('A'.repeat(43), 'yet another pass phrase');
    expect(reused.response.status).toBe(400);
    expect(reused.error!.type).toMatch(/invalid-code/);
    expect(unknown.error).toEqual(reused.error);
    expect((await signIn(user.email, winner)).response.status).toBe(200);
  });

  it('refuse a tampered code; a weak password is refused without using the code up', async () => {
    const user = await createUser('tampered@example.com', PASSWORD);
    const code = await resetCodeFor(user.email);
    const tampered = code.slice(0, 10) + (code[10] === 'A' ? 'B' : 'A') + code.slice(11);
    const refused = await reset(tampered, NEW_PASSWORD);
    expect(refused.response.status).toBe(400);
    expect(refused.error!.type).toMatch(/invalid-code/);

    const weak = await reset(code, 'short');
    expect(weak.response.status).toBe(422);
    expect(weak.error!.errors![0].path).toBe('password');
    expect((await reset(code, NEW_PASSWORD)).response.status).toBe(200);
  });

  it('refuse an invitation code, which still works as an invitation afterwards', async () => {
    const mark = sink.mails.length;
    const invited = await createUser('invited-reset@example.com');
    const code = linkIn(await mailSince(mark, invited.email, /invited/), '/accept-invite').searchParams.get('code')!;

    const asReset = await reset(code, NEW_PASSWORD);
    expect(asReset.response.status).toBe(400);
    expect(asReset.error!.type).toMatch(/invalid-code/);
    expect((await client().POST('/api/v1/invitations/accept', { body: { code, password: NEW_PASSWORD } })).response.status).toBe(200);
  });

  it('are cancelled by a newer forgot-password request', async () => {
    const user = await createUser('asked-twice@example.com', PASSWORD);
    const older = await resetCodeFor(user.email);
    const newer = await resetCodeFor(user.email);
    expect(newer).not.toBe(older);
    expect((await reset(older, NEW_PASSWORD)).response.status).toBe(400);
    expect((await reset(newer, NEW_PASSWORD)).response.status).toBe(200);
  });

  it('expire: a code lives the configured 30 minutes, and once that has passed it is refused', async () => {
    const user = await createUser('too-late@example.com', PASSWORD);
    const code = await resetCodeFor(user.email);
    // The half hour passes: the code's expiry is moved into the past, rather than waited for.
    const database = openServerDatabase(server.databaseUrl);
    try {
      const codes = await database.db
        .select({ id: oneTimeCodes.id, expiresAt: oneTimeCodes.expiresAt, createdAt: oneTimeCodes.createdAt })
        .from(oneTimeCodes)
        .where(and(eq(oneTimeCodes.userId, user.id), eq(oneTimeCodes.purpose, 'password-reset')));
      expect(codes.map(({ id, expiresAt, createdAt }) => ({ id, lifetime: expiresAt.getTime() - createdAt.getTime() }))).toEqual([{ id: expect.any(String), lifetime: 30 * 60_000 }]);
      const moved = await database.write((tx) => tx.update(oneTimeCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oneTimeCodes.id, codes[0].id)).returning());
      expect(moved).toHaveLength(1);
    } finally {
      await database.close();
    }
    const expired = await reset(code, NEW_PASSWORD);
    expect(expired.response.status).toBe(400);
    expect(expired.error!.type).toMatch(/invalid-code/);
    expect((await signIn(user.email, PASSWORD)).response.status).toBe(200);
  });
});
