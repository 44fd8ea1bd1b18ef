import type { AuditPerson } from '@/lib/audit/query';
import type { AuditEventView } from '@/lib/audit/schemas';

/** An event as the table shows it: with the names of the users it names, looked up once for the page. */
export type AuditTableRow = AuditEventView & { actorPerson: AuditPerson | null; targetPerson: AuditPerson | null };

export function toAuditTableRows(events: AuditEventView[], people: Map<string, AuditPerson>): AuditTableRow[] {
  return events.map((event) => ({
    ...event,
    actorPerson: (event.actor && people.get(event.actor)) || null,
    targetPerson: (event.target && people.get(event.target)) || null,
  }));
}
