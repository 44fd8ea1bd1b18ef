import { randomUUID } from 'node:crypto';
import { desc, sql, type SQL } from 'drizzle-orm';
import { accessTokens, auditEvents, browserSessions, memberships, oneTimeCodes, permissions, resources, tenants, userScopes } from '@/db/schema';
import { eventHash, GENESIS_HASH, type ChainedContent } from '@/lib/audit/chain';
import { hashSecret } from '@/lib/auth/tokens';
import type { TestDatabase } from './test-database';

export const RELATED_TABLES = ['access_tokens', 'sessions', 'one_time_codes', 'permissions', 'memberships', 'user_scopes'] as const;

/** Rows per INSERT: well below either engine's limit on bound parameters. */
const CHUNK = 500;

/** Gives a user `count` rows in every table that points at users, plus audit events naming them. */
export async function addRelatedRows(database: Pick<TestDatabase, 'write' | 'engine'>, userId: string, count: number): Promise<void> {
  const expiresAt = new Date(Date.now() + 60_000);
  const tenantId = `ten_${randomUUID()}`;
  await database.write(async (tx) => {
    await tx.insert(tenants).values({ id: tenantId, slug: `t-${tenantId.slice(-12)}`, name: 'Fixture tenant' });
    await tx.insert(memberships).values({ tenantId, userId, role: 'user' });
    for (let start = 0; start < count; start += CHUNK) {
      const rows = Array.from({ length: Math.min(CHUNK, count - start) }, (_, k) => ({ i: start + k, resourceId: `res_${randomUUID()}` }));
      await tx.insert(resources).values(rows.map(({ i, resourceId }) => ({ id: resourceId, name: `Fixture ${i}`, kind: 'workflow' })));
      await tx.insert(permissions).values(rows.map(({ resourceId }) => ({ userId, resourceId, role: 'reader' as const })));
      await tx.insert(accessTokens).values(rows.map(() => ({ id: `tok_${randomUUID()}`, userId, tokenHash: hashSecret(randomUUID()), kind: 'session' as const, sessionVersion: 1 })));
      await tx.insert(browserSessions).values(rows.map(() => ({ id: `ses_${randomUUID()}`, userId })));
      await tx.insert(oneTimeCodes).values(rows.map(() => ({ id: `otc_${randomUUID()}`, userId, codeHash: hashSecret(randomUUID()), purpose: 'password-reset' as const, expiresAt })));
      await tx.insert(userScopes).values(rows.map(({ i }) => ({ userId, scope: `fixture-${i}` })));
      await appendChainedEvents(database.engine, tx, rows.map(({ i }) => ({ actor: userId, target: i % 2 ? userId : 'someone-else', after: { fixture: i } })));
    }
  });
}

/** How many rows still point at the user, table by table (audit events counted by actor or target, but for the deletion's completion). */
export async function remainingRows(database: Pick<TestDatabase, 'count'>, userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of RELATED_TABLES) counts[table] = await database.count(sql`SELECT count(*) FROM ${sql.identifier(table)} WHERE user_id = ${userId}`);
  counts.users = await database.count(sql`SELECT count(*) FROM users WHERE id = ${userId}`);
  // The deletion's completion names the user on purpose (webhook receivers delete their copy by it): every other event is pseudonymised.
  counts.audit_events = await database.count(sql`SELECT count(*) FROM audit_events WHERE (actor = ${userId} OR target = ${userId}) AND action <> 'user.deletion.completed'`);
  return counts;
}

/** Audit events linked into the chain as lib/audit/events.ts links them (under its lock), so the trail still verifies. */
async function appendChainedEvents(engine: TestDatabase['engine'], tx: Parameters<Parameters<TestDatabase['write']>[0]>[0], events: Array<{ actor: string; target: string; after: Record<string, unknown> }>): Promise<void> {
  // The handle is typed as SQLite's; on PostgreSQL it is node-postgres drizzle's, which has execute().
  if (engine === 'postgres') await (tx as unknown as { execute(query: SQL): Promise<unknown> }).execute(sql`SELECT pg_advisory_xact_lock(hashtext('audit-chain'))`);
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = events.map((event) => {
    const content: ChainedContent = { at: new Date(), actorKind: 'user', action: 'user.updated', targetKind: null, tenantId: null, before: null, ip: null, userAgent: null, requestId: null, ...event };
    const hash = eventHash(prevHash, content);
    const row = { ...content, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await tx.insert(auditEvents).values(rows);
}
