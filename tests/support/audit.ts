import { and, asc, desc, eq, gt, max } from 'drizzle-orm';
import type { auditEvents as auditEventsTable } from '@/db/schema';
import type { TestDatabase } from './test-database';

export type AuditEventRow = typeof auditEventsTable.$inferSelect;

/** What the helpers need: the server's database and its schema (the engine's tables, loaded once DATABASE_URL is set). */
type Source = Pick<TestDatabase, 'db'> & { schema: { auditEvents: typeof auditEventsTable } };

/**
 * The audit trail read straight from the server's database, for tests of the writers (the read
 * API is tested on its own). Mark the trail before a change, then read what came after it.
 */
export function auditTrail({ db, schema: { auditEvents } }: Source) {
  return {
    /** The newest event's id (0 on an empty trail): events after a change have larger ones. */
    async mark(): Promise<number> {
      const [row] = await db.select({ id: max(auditEvents.id) }).from(auditEvents);
      return Number(row?.id ?? 0);
    },

    /** Every event after `mark`, oldest first. */
    async since(mark: number): Promise<AuditEventRow[]> {
      return await db.select().from(auditEvents).where(gt(auditEvents.id, mark)).orderBy(asc(auditEvents.id));
    },

    /** Every event about `target` (after `mark`), oldest first. */
    async about(target: string, mark = 0): Promise<AuditEventRow[]> {
      return await db.select().from(auditEvents).where(and(eq(auditEvents.target, target), gt(auditEvents.id, mark))).orderBy(asc(auditEvents.id));
    },

    /** The newest event with this action about `target`. */
    async last(action: string, target: string): Promise<AuditEventRow | undefined> {
      const [row] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.target, target))).orderBy(desc(auditEvents.id)).limit(1);
      return row;
    },

    /** The whole trail as text, to search for a value that must never be in it. */
    async asText(): Promise<string> {
      return JSON.stringify(await db.select().from(auditEvents));
    },
  };
}
