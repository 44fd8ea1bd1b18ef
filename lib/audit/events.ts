import { transaction } from '@/db/client';
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

/**
 * Appends one event to the audit trail, inside the caller's transaction when there is one, so
 * the event and its change commit together. Never pass secrets: the trail is readable by admins.
 */
export async function recordAuditEvent(entry: AuditEntry): Promise<void> {
  await transaction((tx) => tx.insert(auditEvents).values({ ...entry, at: new Date() }));
}
