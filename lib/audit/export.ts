import { stringify } from 'csv-stringify/sync';
import { listAuditEvents, type AuditPage, type AuditScope } from './query';
import type { AuditEventView, AuditExportFormat, AuditExportQuery } from './schemas';

const EXPORT_BATCH_SIZE = 200;

export const AUDIT_EXPORT_COLUMNS = ['id', 'at', 'actorKind', 'actor', 'action', 'targetKind', 'target', 'tenantId', 'before', 'after', 'ip', 'userAgent', 'requestId'] as const;

// A user agent such as "=HYPERLINK(...)" must not run as a formula when the file is opened in a spreadsheet.
const CSV_OPTIONS = { escape_formulas: true } as const;

const EXPORT_MEDIA_TYPES: Record<AuditExportFormat, string> = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson' };

function csvRecord(event: AuditEventView): string[] {
  return AUDIT_EXPORT_COLUMNS.map((column) => {
    const value = event[column];
    if (value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

function encodeBatch(events: AuditEventView[], format: AuditExportFormat): string {
  return format === 'csv' ? stringify(events.map(csvRecord), CSV_OPTIONS) : events.map((event) => `${JSON.stringify(event)}\n`).join('');
}

/** audit-20260131.csv, dated in UTC. */
export function auditExportFile(format: AuditExportFormat, now = new Date()): { name: string; mediaType: string } {
  return { name: `audit-${now.toISOString().slice(0, 10).replaceAll('-', '')}.${format}`, mediaType: EXPORT_MEDIA_TYPES[format] };
}

/**
 * Every event matching the filters, streamed a batch at a time along the keyset cursor, so the
 * trail is never in memory and each query stays short. The first batch is read before the
 * stream is returned, so a bad filter answers 400 rather than breaking off a download.
 */
export async function auditEventsStream(query: AuditExportQuery, scope: AuditScope): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const batch = (cursor?: string) => listAuditEvents({ pattern: query.pattern, filter: query.filter, sort: query.sort, limit: EXPORT_BATCH_SIZE, cursor }, { scope });
  let page: AuditPage | null = await batch();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (query.format === 'csv') controller.enqueue(encoder.encode(`\uFEFF${stringify([[...AUDIT_EXPORT_COLUMNS]])}`));
    },
    async pull(controller) {
      // A pattern's page may come back empty (its search window held no match): read on until rows or the end.
      while (page && page.items.length === 0) page = page.nextCursor ? await batch(page.nextCursor) : null;
      if (!page) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(encodeBatch(page.items, query.format)));
      page = page.nextCursor ? await batch(page.nextCursor) : null;
    },
  });
}
