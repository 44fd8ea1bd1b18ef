import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { gatehouse } from '../support/typed-client';

// Two servers of their own: one mailing over SMTP to a sink that can refuse, retrying after
// 1 s, 2 s, 4 s...; one without SMTP_URL, which prints mail to its log.
const PASSWORD = 'outbox pass phrase here';

let sink: SmtpSink;
let smtpServer: RunningServer;
let logServer: RunningServer;

beforeAll(async () => {
  sink = await startSmtpSink();
  [smtpServer, logServer] = await Promise.all([startServer({ env: { SMTP_URL: sink.url, MAIL_RETRY_SECONDS: '1' } }), startServer()]);
});

afterAll(async () => {
  await Promise.all([smtpServer?.stop(), logServer?.stop()]);
  await sink?.stop();
});

const client = (server: RunningServer, token?: string) => gatehouse({ url: server.url, token });

const tokenFor = async (server: RunningServer, email: string, password: string) => (await client(server).POST('/api/v1/auth/token', { body: { email, password } })).data!.token;
const adminToken = (server: RunningServer) => tokenFor(server, TEST_ADMIN.email, TEST_ADMIN.password);
const forgot = (server: RunningServer, email: string) => client(server).POST('/api/v1/password/forgot', { body: { email } });

async function createUser(server: RunningServer, token: string, email: string) {
  const { error, response } = await client(server, token).POST('/api/v1/users', { body: { email, password: PASSWORD } });
  expect(response.status, JSON.stringify(error)).toBe(201);
}

async function outbox(server: RunningServer, token: string) {
  const { data, error, response } = await client(server, token).GET('/api/v1/mail');
  expect(response.status, JSON.stringify(error)).toBe(200);
  return data!;
}

type OutboxEntry = Awaited<ReturnType<typeof outbox>>['items'][number];

/** Polls the admins' outbox list until the newest mail to `to` satisfies `done`. */
async function outboxEntry(server: RunningServer, token: string, to: string, done: (entry: OutboxEntry) => boolean): Promise<OutboxEntry> {
  const deadline = Date.now() + 20_000;
  let last: OutboxEntry | undefined;
  while (Date.now() < deadline) {
    last = (await outbox(server, token)).items.find((entry) => entry.to === to);
    if (last && done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The outbox entry for ${to} never got there; last seen ${JSON.stringify(last)}`);
}

describe('delivery over SMTP', () => {
  it('retries a refused mail, showing attempts and the error, and delivers it once the server accepts', async () => {
    const token = await adminToken(smtpServer);
    await createUser(smtpServer, token, 'retry@example.com');
    sink.refuse(true);
    try {
      expect((await forgot(smtpServer, 'retry@example.com')).response.status).toBe(202);
      const first = await outboxEntry(smtpServer, token, 'retry@example.com', (e) => e.attempts >= 1);
      expect(first).toMatchObject({ kind: 'password-reset', status: 'queued' });
      expect(first.error).toMatch(/451|busy/i);
      const later = await outboxEntry(smtpServer, token, 'retry@example.com', (e) => e.attempts > first.attempts);
      expect(later.status).toBe('queued');
      expect(later.error).toMatch(/451|busy/i);
      expect(sink.mails.filter((m) => m.to.includes('retry@example.com'))).toEqual([]);
      // Still waiting to be delivered, the mail's code is not in the admins' list either.
      expect(JSON.stringify(await outbox(smtpServer, token))).not.toContain('code=');
    } finally {
      sink.refuse(false);
    }
    const mail = await sink.waitForMail((m) => m.to.includes('retry@example.com'), 20_000);
    expect(linkIn(mail, '/reset-password').searchParams.get('code')).toBeTruthy();
    const sent = await outboxEntry(smtpServer, token, 'retry@example.com', (e) => e.status === 'sent');
    expect(sent.error).toBeNull();
    expect(sent.attempts).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('shows admins previews only: no delivered mail in the list carries a code', async () => {
    const token = await adminToken(smtpServer);
    const invited = await client(smtpServer, token).POST('/api/v1/users', { body: { email: 'preview-invitee@example.com' } });
    expect(invited.response.status).toBe(201);
    const mail = await sink.waitForMail((m) => m.to.includes('preview-invitee@example.com'));
    expect(mail.text).toContain('code=');
    await outboxEntry(smtpServer, token, 'preview-invitee@example.com', (e) => e.status === 'sent');

    const list = await outbox(smtpServer, token);
    expect(list.items.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(list)).not.toContain('code=');
    for (const entry of list.items) expect(entry.preview).toMatch(/link sent to the recipient only|\/forgot-password/);
  });
});

describe('without SMTP_URL', () => {
  it('logs the mail with its link to the server output and marks it logged; the logged link works', async () => {
    const token = await adminToken(logServer);
    await createUser(logServer, token, 'logged@example.com');
    expect((await forgot(logServer, 'logged@example.com')).response.status).toBe(202);
    const entry = await outboxEntry(logServer, token, 'logged@example.com', (e) => e.status === 'logged');
    expect(entry.preview).not.toContain('code=');

    const output = logServer.output();
    const printed = output.slice(output.indexOf('Mail to logged@example.com'));
    expect(printed).toContain('Subject: Reset your Gatehouse password');
    const code = /\/reset-password\?code=([\w-]+)/.exec(printed)?.[1];
    expect(code, output).toBeTruthy();
    const reset = await client(logServer).POST('/api/v1/password/reset', { body: { code: code!, password: 'a brand new pass phrase' } });
    expect(reset.response.status, JSON.stringify(reset.error)).toBe(200);
  });
});

describe('GET /api/v1/mail', () => {
  it('needs an admin: 401 without a token, 403 for a member', async () => {
    const token = await adminToken(logServer);
    await createUser(logServer, token, 'curious-member@example.com');
    const member = await tokenFor(logServer, 'curious-member@example.com', PASSWORD);
    expect((await client(logServer).GET('/api/v1/mail')).response.status).toBe(401);
    const forbidden = await client(logServer, member).GET('/api/v1/mail');
    expect(forbidden.response.status).toBe(403);
    expect(JSON.stringify(forbidden.error)).not.toContain('logged@example.com');
  });
});
