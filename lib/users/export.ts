import { recordAuditEvent } from '@/lib/audit/events';
import { openUserBatches } from '@/lib/search/export-lines';
import type { TenantRestriction } from '@/lib/search/user-search';
import { DEFAULT_USER_EXPORT_COLUMNS, type UserExportColumn, type UserExportFormat, type UserExportQuery } from './schemas';

/**
 * Rows read per batch. The database writes each batch's lines itself and the bytes never become
 * rows on the thread that serves requests, so a batch costs that thread one buffer; 1,000 rows
 * keep the keyset queries' own cost small and a slow client's two batches under a megabyte.
 */
const EXPORT_BATCH_SIZE = 1000;

export const EXPORT_MEDIA_TYPES: Record<UserExportFormat, string> = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson' };

/** users-20260131.csv (or .ndjson), dated in UTC. */
export function userExportFileName(format: UserExportFormat, now = new Date()): string {
  return `users-${now.toISOString().slice(0, 10).replaceAll('-', '')}.${format}`;
}

/**
 * Every user matching the list query, as a stream of CSV (a byte-order mark so Excel reads
 * UTF-8, then a header row) or NDJSON, in the list's order, with no cap. The stream pulls a
 * batch only when the client has taken the previous one, so a slow download holds two batches,
 * never the whole result. The query is planned and its first batch read before this resolves,
 * so a bad filter is a 400 and not a broken download; the export is audited from then on.
 */
export async function exportUsers(
  query: UserExportQuery & { format: UserExportFormat; columns?: UserExportColumn[] },
  restriction: TenantRestriction,
): Promise<ReadableStream<Uint8Array>> {
  const columns = query.columns ?? [...DEFAULT_USER_EXPORT_COLUMNS];
  const batches = await openUserBatches(query, restriction, query.format, columns, EXPORT_BATCH_SIZE);
  await recordAuditEvent({
    action: 'users.exported',
    after: { format: query.format, pattern: query.pattern ?? null, filter: query.filter ?? [], sort: query.sort ?? null, columns },
  });
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // Column names hold nothing a CSV cell would quote.
      if (query.format === 'csv') controller.enqueue(encoder.encode(`\uFEFF${columns.join(',')}\n`));
    },
    async pull(controller) {
      const chunks = await batches.next();
      if (!chunks) {
        controller.close();
        return;
      }
      for (const chunk of chunks) controller.enqueue(chunk);
    },
  });
}
