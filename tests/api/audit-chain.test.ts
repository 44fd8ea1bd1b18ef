import { spawnSync } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction } from '@/lib/audit/actions';
import { apiAt } from '../support/api';
import { startServer, TEST_ADMIN, TEST_AUTH_SECRET, type RunningServer } from '../support/server';
import type { TestDatabase } from '../support/test-database';
import { gatehouse } from '../support/typed-client';

/**
 * The audit trail's hash chain: verify, tampering found, retention keeping it verifiable. On a
 * server of its own: these tests break the chain on purpose and remove old events, which other
 * suites sharing a server would see.
 */

const ADDRESS = '203.0.113.19';

let server: RunningServer;
let env: TestDatabase & { schema: typeof import('@/db/schema') };
let admin = '';
let adminId = '';

const asAdmin = () => gatehouse({ token: admin, url: server.url });

/** A typed call's data; throws unless it succeeded. */
function must<T>({ data, error, response }: { data?: T; error?: unknown; response: Response }): T {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${JSON.stringify(error)}`);
  return data as T;
}

/** Records an event in this file's server's database as the server would for a request of the admin's. */
async function record(entry: { action: AuditAction; target?: string; after?: Record<string, unknown> }) {
  const [{ recordAuditEvent }, { withAuditContext }] = await Promise.all([import('@/lib/audit/events'), import('@/lib/audit/context')]);
  await withAuditContext({ actor: { kind: 'token', id: adminId }, ip: ADDRESS, userAgent: 'chain test', requestId: 'chain-req' }, () => recordAuditEvent(entry));
}

async function lastEventId(): Promise<number> {
  const [row] = await env.rows<{ id: number }>(sql`SELECT max(id) AS id FROM audit_events`);
  return Number(row.id);
}

function runVerifyScript() {
  return spawnSync('npm', ['run', '--silent', 'audit:verify'], { env: { ...process.env, DATABASE_URL: server.databaseUrl, AUTH_SECRET: TEST_AUTH_SECRET }, encoding: 'utf8', timeout: 60_000 });
}

beforeAll(async () => {
  server = await startServer();
  // lib/ and the schema on this file's server's database: before anything else touches them.
  process.env.DATABASE_URL = server.databaseUrl;
  const [{ appDatabase }, schema] = await Promise.all([import('../support/test-database'), import('@/db/schema')]);
  env = { ...appDatabase(), schema };
  const signedIn = await apiAt(server.url, '/api/v1/auth/token', { method: 'POST', json: { username: TEST_ADMIN.email, password: TEST_ADMIN.password } });
  admin = signedIn.body.token as string;
  adminId = must(await asAdmin().GET('/api/v1/me')).id;
});

afterAll(async () => {
  await server?.stop();
});

describe('the hash chain', () => {
  it('removes old events by retention and still verifies from where the kept chain starts', async () => {
    const { applyAuditRetention } = await import('@/lib/audit/retention');
    await record({ action: 'user.updated', target: adminId, after: { city: 'Bergen' } });
    const newest = await lastEventId();
    // Twenty years on, every event but the newest is past any retention.
    const { removed } = await applyAuditRetention(new Date(Date.now() + 20 * 365 * 86_400_000));
    expect(removed).toBeGreaterThan(0);
    expect(await env.count(sql`SELECT count(*) FROM audit_events WHERE id < ${newest}`)).toBe(0);

    const verdict = must(await asAdmin().GET('/api/v1/audit/verify'));
    expect(verdict).toMatchObject({ ok: true, firstBroken: null });
    expect(verdict.chainStart!.afterId).toBeLessThan(newest);
    const applied = must(await asAdmin().GET('/api/v1/audit', { params: { query: { filter: 'action:audit.retention.applied', limit: 1 } } })).items[0];
    expect(applied).toMatchObject({ actorKind: 'system', actor: 'audit-retention', after: { removed } });
  });

  it('names an event edited by SQL, and the event after one removed; npm run audit:verify exits 1 naming it', async () => {
    for (const n of [1, 2, 3]) await record({ action: 'user.updated', target: adminId, after: { department: `D${n}` } });
    const last = await lastEventId();
    const edited = last - 1;
    expect(must(await asAdmin().GET('/api/v1/audit/verify')).ok).toBe(true);

    await env.execute(sql`UPDATE audit_events SET ip = '198.51.100.66' WHERE id = ${edited}`);
    expect(must(await asAdmin().GET('/api/v1/audit/verify'))).toMatchObject({ ok: false, firstBroken: { id: edited, reason: 'content-changed' } });
    const script = runVerifyScript();
    expect(script.status, script.stderr).toBe(1);
    expect(script.stdout).toContain(`BROKEN at event ${edited}`);
    await env.execute(sql`UPDATE audit_events SET ip = ${ADDRESS} WHERE id = ${edited}`);

    const { auditEvents } = env.schema;
    const [removed] = await env.db.select().from(auditEvents).where(eq(auditEvents.id, edited));
    await env.execute(sql`DELETE FROM audit_events WHERE id = ${edited}`);
    expect(must(await asAdmin().GET('/api/v1/audit/verify'))).toMatchObject({ ok: false, firstBroken: { id: last, reason: 'link-broken' } });
    await env.write((tx) => tx.insert(auditEvents).values(removed));

    expect(must(await asAdmin().GET('/api/v1/audit/verify'))).toMatchObject({ ok: true, firstBroken: null });
    const intact = runVerifyScript();
    expect(intact.status, intact.stdout + intact.stderr).toBe(0);
    expect(intact.stdout).toContain('The chain is intact.');
  });
});
