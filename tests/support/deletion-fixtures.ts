import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { hashSecret } from '@/lib/auth/tokens';

export const RELATED_TABLES = ['access_tokens', 'sessions', 'one_time_codes', 'permissions', 'memberships', 'user_scopes'] as const;

/** Gives a user `count` rows in every table that points at users, plus audit events naming them. */
export function addRelatedRows(sqlite: Database.Database, userId: string, count: number): void {
  const now = Date.now();
  sqlite.transaction(() => {
    const tenantId = `ten_${randomUUID()}`;
    sqlite.prepare('INSERT INTO tenants (id, slug, name) VALUES (?, ?, ?)').run(tenantId, `t-${tenantId.slice(-12)}`, 'Fixture tenant');
    sqlite.prepare('INSERT INTO memberships (tenant_id, user_id, role) VALUES (?, ?, ?)').run(tenantId, userId, 'user');
    const resource = sqlite.prepare('INSERT INTO resources (id, name, kind) VALUES (?, ?, ?)');
    const permission = sqlite.prepare('INSERT INTO permissions (user_id, resource_id, role) VALUES (?, ?, ?)');
    const token = sqlite.prepare("INSERT INTO access_tokens (id, user_id, token_hash, kind, session_version) VALUES (?, ?, ?, 'session', 1)");
    const session = sqlite.prepare('INSERT INTO sessions (id, user_id) VALUES (?, ?)');
    const code = sqlite.prepare("INSERT INTO one_time_codes (id, user_id, code_hash, purpose, expires_at) VALUES (?, ?, ?, 'password-reset', ?)");
    const scope = sqlite.prepare('INSERT INTO user_scopes (user_id, scope) VALUES (?, ?)');
    const audit = sqlite.prepare("INSERT INTO audit_events (actor, action, target) VALUES (?, 'fixture.event', ?)");
    for (let i = 0; i < count; i++) {
      const resourceId = `res_${randomUUID()}`;
      resource.run(resourceId, `Fixture ${i}`, 'workflow');
      permission.run(userId, resourceId, 'reader');
      token.run(`tok_${randomUUID()}`, userId, hashSecret(randomUUID()));
      session.run(`ses_${randomUUID()}`, userId);
      code.run(`otc_${randomUUID()}`, userId, hashSecret(randomUUID()), now + 60_000);
      scope.run(userId, `fixture-${i}`);
      audit.run(userId, i % 2 ? userId : 'someone-else');
    }
  })();
}

/** How many rows still point at the user, table by table (audit events counted by actor or target). */
export function remainingRows(sqlite: Database.Database, userId: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of RELATED_TABLES) counts[table] = (sqlite.prepare(`SELECT count(*) FROM ${table} WHERE user_id = ?`).pluck().get(userId) as number);
  counts.users = sqlite.prepare('SELECT count(*) FROM users WHERE id = ?').pluck().get(userId) as number;
  counts.audit_events = sqlite.prepare('SELECT count(*) FROM audit_events WHERE actor = ? OR target = ?').pluck().get(userId, userId) as number;
  return counts;
}
