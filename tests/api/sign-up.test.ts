import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { operations } from '@/lib/openapi/api-types';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { gatehouse } from '../support/typed-client';

/**
 * Issue 12, defect 5: open sign-up must not tell whether an account exists. Every sign-up
 * answers 202 with the same body; the mail to the address says what happened. The account
 * becomes active only when the owner of the mailbox confirms it with the password chosen at
 * sign-up. Sign-up is limited per client address. Admin create keeps its 409.
 *
 * A server of its own behind a trusted proxy, so each test can come from its own address.
 */

const PASSWORD = 'my sign up pass phrase';
let sink: SmtpSink;
let server: RunningServer;
let admin = '';
let addressSerial = 0;

const nextAddress = () => `198.51.100.${++addressSerial}`;
/** The server's client, each call from a new client address unless one is given. */
const client = (options: { token?: string; address?: string } = {}) => gatehouse({ url: server.url, token: options.token, headers: { 'x-forwarded-for': options.address ?? nextAddress() } });
const signUp = (body: operations['createUser']['requestBody']['content']['application/json'], address?: string) => client({ address }).POST('/api/v1/users', { body });
const signIn = (email: string, password: string) => client().POST('/api/v1/auth/token', { body: { email, password } });
const confirm = (code: string, password: string) => client().POST('/api/v1/sign-up/confirm', { body: { code, password } });

function mailSince(mark: number, to: string, subject: RegExp) {
  return sink.waitForMail((mail) => sink.mails.indexOf(mail) >= mark && mail.to.includes(to) && subject.test(mail.subject));
}

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({ env: { SMTP_URL: sink.url, TRUST_PROXY: 'true', MAIL_RETRY_SECONDS: '1' } });
  admin = (await signIn(TEST_ADMIN.email, TEST_ADMIN.password)).data!.token;
});

afterAll(async () => {
  await server?.stop();
  await sink?.stop();
});

describe('open sign-up', () => {
  it('answers a taken email and a free one alike, and mails each address what happened', async () => {
    const existing = await client({ token: admin }).POST('/api/v1/users', { body: { email: 'taken@example.com', password: 'someone else’s pass phrase' } });
    expect(existing.response.status).toBe(201);

    const mark = sink.mails.length;
    const taken = await signUp({ email: 'Taken@Example.com', password: PASSWORD });
    const free = await signUp({ email: 'newcomer@example.com', password: PASSWORD });
    expect(taken.response.status).toBe(202);
    expect(free.response.status).toBe(202);
    expect(taken.data).toEqual(free.data);
    expect(taken.response.headers.get('content-type')).toBe(free.response.headers.get('content-type'));
    expect(JSON.stringify(free.data)).not.toMatch(/token|usr_/);

    const refusal = await mailSince(mark, 'taken@example.com', /sign-up/);
    expect(refusal.text).toContain('you already have an account');
    const welcome = await mailSince(mark, 'newcomer@example.com', /Confirm your/);
    expect(linkIn(welcome, '/confirm-sign-up').searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    // The taken account is untouched: its owner still signs in with their own password.
    expect((await signIn('taken@example.com', 'someone else’s pass phrase')).response.status).toBe(200);
  });

  it('also answers alike for a taken username, and tells only the mailbox', async () => {
    const mark = sink.mails.length;
    const { response } = await signUp({ email: 'wants-admin-name@example.com', username: TEST_ADMIN.email, password: PASSWORD });
    expect(response.status).toBe(202);
    const refusal = await mailSince(mark, 'wants-admin-name@example.com', /sign-up/);
    expect(refusal.text).toContain('another account already has');
  });

  it('keeps the account pending until the mailbox owner confirms it with the chosen password', async () => {
    const mark = sink.mails.length;
    expect((await signUp({ email: 'confirm-me@example.com', password: PASSWORD, firstName: 'Cora' })).response.status).toBe(202);
    const code = linkIn(await mailSince(mark, 'confirm-me@example.com', /Confirm your/), '/confirm-sign-up').searchParams.get('code')!;

    // Not yet: the account cannot sign in before it is confirmed.
    expect((await signIn('confirm-me@example.com', PASSWORD)).response.status).not.toBe(200);

    const wrong = await confirm(code, 'not what I chose at all');
    expect(wrong.response.status).toBe(422);
    expect(wrong.response.headers.get('content-type')).toContain('application/problem+json');
    expect(wrong.error!.errors![0].path).toBe('password');

    const confirmed = await confirm(code, PASSWORD);
    expect(confirmed.response.status, JSON.stringify(confirmed.error)).toBe(200);
    expect(confirmed.data!.user).toMatchObject({ email: 'confirm-me@example.com', firstName: 'Cora', status: 'active', scope: ['user'] });
    expect((await client({ token: confirmed.data!.token }).GET('/api/v1/me')).data!.email).toBe('confirm-me@example.com');

    // The code works once.
    const again = await confirm(code, PASSWORD);
    expect(again.response.status).toBe(400);
    expect(again.error!.type).toContain('invalid-code');
  });

  it('lets the mailbox owner take over a sign-up someone else started with their address', async () => {
    let mark = sink.mails.length;
    expect((await signUp({ email: 'squatted@example.com', password: 'the squatter’s pass phrase' })).response.status).toBe(202);
    const squatterCode = linkIn(await mailSince(mark, 'squatted@example.com', /Confirm your/), '/confirm-sign-up').searchParams.get('code')!;

    mark = sink.mails.length;
    expect((await signUp({ email: 'squatted@example.com', password: PASSWORD })).response.status).toBe(202);
    const ownerCode = linkIn(await mailSince(mark, 'squatted@example.com', /Confirm your/), '/confirm-sign-up').searchParams.get('code')!;

    // The first link died with the newer sign-up, and the squatter's password no longer confirms anything.
    expect((await confirm(squatterCode, 'the squatter’s pass phrase')).response.status).toBe(400);
    expect((await confirm(ownerCode, 'the squatter’s pass phrase')).response.status).toBe(422);
    expect((await confirm(ownerCode, PASSWORD)).response.status).toBe(200);
  });

  it('checks what does not depend on existing accounts before answering', async () => {
    const weak = await signUp({ email: 'weak@example.com', password: 'password1234' });
    expect(weak.response.status).toBe(422);
    expect(weak.error!.errors![0].path).toBe('password');
    const escalate = await signUp({ email: 'sneaky@example.com', password: PASSWORD, scope: ['admin'] });
    expect(escalate.response.status).toBe(403);
    expect((await signUp({ email: 'no-password@example.com' })).response.status).toBe(422);
  });

  it('is limited per client address, as forgot-password is', async () => {
    const address = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await signUp({ email: `burst-${i}@example.com`, password: PASSWORD }, address)).response.status);
    expect(statuses.slice(0, 10).every((status) => status === 202)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another address is not held up.
    expect((await signUp({ email: 'after-burst@example.com', password: PASSWORD })).response.status).toBe(202);
  });

  it('leaves an admin’s create with its 409 for a taken email', async () => {
    const duplicate = await client({ token: admin }).POST('/api/v1/users', { body: { email: 'TAKEN@example.com' } });
    expect(duplicate.response.status).toBe(409);
    expect(duplicate.error!.errors).toEqual([{ path: 'email', message: 'Another user already has this email.' }]);
  });
});
