import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, type ApiInit } from '../support/api';
import { auditTrail } from '../support/audit';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import type { TestDatabase } from '../support/test-database';

/**
 * The inactivity policy with time moved forward: the test runs the policy's daily job as of a
 * day 30 days from now, against a real server's database; warnings go through the outbox and
 * the server's mail worker to a real SMTP sink, and people sign in through the real API.
 * A server of its own: the policy is switched on here, and the test holds the daily task's
 * lease so the server's own scheduler cannot run it between the test's runs.
 */

const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'inactivity suite pass phrase';
const RUN = `ia${Date.now().toString(36)}`;
const POLICY = { enabled: true, suspendAfterDays: 365, warnDaysBefore: 14, exemptAdmins: true, exemptScope: `svc-${RUN}` };
const realNow = Date.now();
const runAt = new Date(realNow + 30 * DAY);

let server: RunningServer;
let sink: SmtpSink;
let database: TestDatabase;
let schema: typeof import('@/db/schema');
let users: typeof import('@/lib/users/users');
let inactivity: typeof import('@/lib/inactivity/inactivity');
let adminToken = '';
let addressSerial = 0;

const call = (path: string, init: ApiInit = {}) => apiAt(server.url, path, { ...init, headers: { 'x-forwarded-for': `192.0.2.${(++addressSerial % 250) + 1}`, ...init.headers } });
const signIn = (email: string, password = PASSWORD) => call('/api/v1/auth/token', { method: 'POST', json: { email, password } });

/** An account last used `idleDays` before today (created before that), with the given scopes. */
async function account(name: string, idleDays: number | null, scope: string[] = ['user']) {
  const user = await users.createUser({ email: `${name}.${RUN}@inactivity.example`, password: PASSWORD, scope });
  const longAgo = new Date(realNow - 500 * DAY);
  await database.write((tx) =>
    tx
      .update(schema.users)
      .set({ createdAt: longAgo, updatedAt: longAgo, lastSignInAt: idleDays === null ? null : new Date(realNow - idleDays * DAY) })
      .where(eq(schema.users.id, user.id)),
  );
  return user;
}

async function statusOf(id: string) {
  const [row] = await database.db.select({ status: schema.users.status }).from(schema.users).where(eq(schema.users.id, id));
  return row.status;
}

const mailsTo = (email: string) => sink.mails.filter((mail) => mail.to.includes(email));

let fixtures: Record<'idle' | 'neverSignedIn' | 'dueForWarning' | 'recent' | 'exemptScope' | 'admin', Awaited<ReturnType<typeof account>>>;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({ env: { SMTP_URL: sink.url, TRUST_PROXY: 'true', MAIL_RETRY_SECONDS: '1' } });
  // lib/ on this server's database, before anything loads it; mail this process queues goes to the same sink.
  process.env.DATABASE_URL = server.databaseUrl;
  process.env.SMTP_URL = sink.url;
  const [testDatabase, loadedSchema, loadedUsers, loadedInactivity, tasks] = await Promise.all([
    import('../support/test-database'),
    import('@/db/schema'),
    import('@/lib/users/users'),
    import('@/lib/inactivity/inactivity'),
    import('@/lib/server/scheduled-tasks'),
  ]);
  database = testDatabase.appDatabase();
  schema = loadedSchema;
  users = loadedUsers;
  inactivity = loadedInactivity;
  const dailyTask = tasks.SCHEDULED_TASKS.find((task) => task.name === 'inactivity-policy')!;
  expect(dailyTask.everyMs).toBe(DAY);
  expect(await tasks.claimScheduledTask({ ...dailyTask, leaseMs: 60 * 60_000 }, { owner: `test-${RUN}` })).toBe(true);

  const admin = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
  adminToken = admin.body.token;
  fixtures = {
    idle: await account('idle', 400),
    neverSignedIn: await account('never', null),
    // 360 days idle on the run's day: inside the 14-day warning window before 365.
    dueForWarning: await account('warn', 330),
    recent: await account('recent', 10),
    exemptScope: await account('service', 400, ['user', POLICY.exemptScope]),
    admin: await account('admin', 400, ['user', 'admin']),
  };
});

afterAll(async () => {
  // The server and its database go with the file: the policy left on there reaches no other suite.
  await server?.stop();
  await sink?.stop();
});

describe('the inactivity policy', () => {
  it('is off by default and does nothing while off', async () => {
    const policy = await call('/api/v1/settings/inactivity', { token: adminToken });
    expect(policy.status).toBe(200);
    expect(policy.body).toEqual({ enabled: false, suspendAfterDays: 365, warnDaysBefore: 14, exemptAdmins: true, exemptScope: null });
    expect(await inactivity.applyInactivityPolicy(runAt)).toEqual({ suspended: 0, warned: 0 });
    expect(await statusOf(fixtures.idle.id)).toBe('active');
  });

  it('refuses a warning that is not shorter than the suspension, beside the field', async () => {
    const refused = await call('/api/v1/settings/inactivity', { method: 'PUT', token: adminToken, json: { ...POLICY, suspendAfterDays: 30, warnDaysBefore: 30 } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: 'warnDaysBefore', message: 'Warn fewer days before than the suspension itself.' }]);
    const tooShort = await call('/api/v1/settings/inactivity', { method: 'PUT', token: adminToken, json: { ...POLICY, suspendAfterDays: 7 } });
    expect(tooShort.status).toBe(422);
    expect(tooShort.body.errors[0].path).toBe('suspendAfterDays');
  });

  it('previews, then suspends the inactive once and warns those in the window once, sparing the exempt and the recent', async () => {
    const idleToken = (await signIn(fixtures.idle.email)).body.token as string;
    // Signing in now would count as activity: put the idle account's last sign-in back.
    await database.write((tx) => tx.update(schema.users).set({ lastSignInAt: new Date(realNow - 400 * DAY) }).where(eq(schema.users.id, fixtures.idle.id)));

    const preview = await call('/api/v1/settings/inactivity/preview', { method: 'POST', token: adminToken, json: POLICY });
    expect(preview.status).toBe(200);
    const saved = await call('/api/v1/settings/inactivity', { method: 'PUT', token: adminToken, json: POLICY });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(POLICY);
    // The preview counts today; the run below is 30 days on, so compare like with like.
    expect(preview.body).toEqual(await inactivity.previewInactivity(POLICY, new Date()));
    const previewAtRun = await inactivity.previewInactivity(POLICY, runAt);
    expect(previewAtRun).toEqual({ wouldSuspend: 2, wouldWarn: 1 });

    const trail = auditTrail({ db: database.db, schema });
    const mark = await trail.mark();
    const first = await inactivity.applyInactivityPolicy(runAt);
    expect(first).toEqual({ suspended: previewAtRun.wouldSuspend, warned: previewAtRun.wouldWarn });

    expect(await statusOf(fixtures.idle.id)).toBe('suspended');
    expect(await statusOf(fixtures.neverSignedIn.id)).toBe('suspended');
    for (const spared of [fixtures.dueForWarning, fixtures.recent, fixtures.exemptScope, fixtures.admin]) expect(await statusOf(spared.id)).toBe('active');

    const warning = await sink.waitForMail((mail) => mail.to.includes(fixtures.dueForWarning.email));
    const suspendOn = new Date(realNow - 330 * DAY + 365 * DAY).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' });
    expect(warning.subject).toBe(`Your Gatehouse account will be suspended on ${suspendOn} unless you sign in`);
    expect(warning.text).toContain(`/sign-in`);

    const second = await inactivity.applyInactivityPolicy(runAt);
    expect(second).toEqual({ suspended: 0, warned: 0 });
    // Time for the mail worker to send anything a second run might have queued.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(mailsTo(fixtures.dueForWarning.email)).toHaveLength(1);
    for (const quiet of [fixtures.idle, fixtures.neverSignedIn, fixtures.recent, fixtures.exemptScope, fixtures.admin]) expect(mailsTo(quiet.email)).toHaveLength(0);

    const events = await trail.since(mark);
    const suspensions = events.filter((event) => event.action === 'user.suspended');
    expect(suspensions.map((event) => event.target).sort()).toEqual([fixtures.idle.id, fixtures.neverSignedIn.id].sort());
    for (const event of suspensions) expect({ actorKind: event.actorKind, actor: event.actor }).toEqual({ actorKind: 'system', actor: 'inactivity-policy' });
    const warnings = events.filter((event) => event.action === 'user.inactivity.warned');
    expect(warnings.map((event) => [event.target, event.actor])).toEqual([[fixtures.dueForWarning.id, 'inactivity-policy']]);

    // Suspended as an admin would: the token stops working and the password no longer signs in.
    expect((await call('/api/v1/me', { token: idleToken })).status).toBe(401);
    expect((await signIn(fixtures.idle.email)).status).toBe(403);
    expect((await signIn(fixtures.dueForWarning.email)).status).toBe(200);
  });

  it('gives an account an admin reactivates a fresh period from the reactivation', async () => {
    const reactivated = await call(`/api/v1/users/${fixtures.idle.id}`, { method: 'PATCH', token: adminToken, json: { status: 'active' } });
    expect(reactivated.status).toBe(200);
    expect(await inactivity.applyInactivityPolicy(runAt)).toMatchObject({ suspended: 0 });
    expect(await statusOf(fixtures.idle.id)).toBe('active');
    expect((await signIn(fixtures.idle.email)).status).toBe(200);

    // A year and more after the reactivation and that sign-in, unused again: suspended again.
    await database.write((tx) => tx.update(schema.users).set({ lastSignInAt: new Date(realNow) }).where(eq(schema.users.id, fixtures.idle.id)));
    await inactivity.applyInactivityPolicy(new Date(realNow + 366 * DAY));
    expect(await statusOf(fixtures.idle.id)).toBe('suspended');
  });

  it('suspends admins too when they are not exempt, but never the last active system admin', async () => {
    const saved = await call('/api/v1/settings/inactivity', { method: 'PUT', token: adminToken, json: { ...POLICY, exemptAdmins: false } });
    expect(saved.status).toBe(200);
    // Both system admins unused for over a year: the first is suspended, the last one left stays.
    const [firstAdmin] = await database.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, TEST_ADMIN.email));
    const longAgo = new Date(realNow - 600 * DAY);
    await database.write((tx) => tx.update(schema.users).set({ lastSignInAt: longAgo, createdAt: longAgo, updatedAt: longAgo }).where(eq(schema.users.id, firstAdmin.id)));
    await inactivity.applyInactivityPolicy(runAt);
    expect(await statusOf(firstAdmin.id)).toBe('suspended');
    expect(await statusOf(fixtures.admin.id)).toBe('active');
    expect(await statusOf(fixtures.exemptScope.id)).toBe('active');
  });
});
