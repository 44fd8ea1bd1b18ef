import { getDb } from '@/db/client';
import { auditEvents } from '@/db/schema';

export type AuditEntry = {
  actor: string | null;
  action: string;
  target?: string | null;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
};

/** Appends one event to the audit trail. Never pass secrets: the trail is readable by admins. */
export function recordAuditEvent(entry: AuditEntry, db: Pick<ReturnType<typeof getDb>, 'insert'> = getDb()): void {
  db.insert(auditEvents).values({ ...entry, at: new Date() }).run();
}
